build-dev/src/pciaddr.o: src/pciaddr.c src/pciaddr.h
src/pciaddr.h:
