build-dev/src/u64map.o: src/u64map.c src/u64map.h src/xmalloc.h
src/u64map.h:
src/xmalloc.h:
