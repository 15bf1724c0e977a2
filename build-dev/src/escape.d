build-dev/src/escape.o: src/escape.c src/escape.h src/xmalloc.h
src/escape.h:
src/xmalloc.h:
