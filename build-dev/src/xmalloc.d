build-dev/src/xmalloc.o: src/xmalloc.c src/xmalloc.h
src/xmalloc.h:
