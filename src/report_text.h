/* report_text.h - the default output: gcc-style lines that editors and problem matchers read */
#ifndef DL_REPORT_TEXT_H
#define DL_REPORT_TEXT_H

#include "lint.h"

/* The text of a guest address note, "hostdev X -> guest Y (zpci ...)"; caller frees. */
char *dl_guest_note_text(const dl_guest_note *n);

#endif
