build-dev/src/inputs.o: src/inputs.c src/inputs.h src/xmalloc.h
src/inputs.h:
src/xmalloc.h:
