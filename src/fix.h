/* fix.h - a finding's fix: byte-range edits on the text as linted, safe or unsafe */
#ifndef DL_FIX_H
#define DL_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/* Replace the bytes [start, end) of the text with text (start == end: insert). */
typedef struct dl_edit {
	size_t start, end;
	dl_loc start_loc,
		end_loc; /* the same places as lines and byte columns (dl_fixes_finish fills them) */
	char *text;      /* owned */
} dl_edit;

typedef struct dl_fix {
	/*
	 * Safe: the domain means exactly the same to libvirt, guest addresses included. Unsafe: it
	 * changes what libvirt does (for the better); applied only when asked (--unsafe-fixes).
	 */
	bool unsafe;
	char *title;    /* owned: what the fix does, as an editor's code action names it */
	dl_edit *edits; /* sorted by start, none overlapping */
	size_t n, cap;
} dl_fix;

/*
 * Add an edit (fix may be NULL). An edit that overlaps one already there makes the whole fix
 * void: it is dropped from its finding when the rules are done (dl_fix_valid).
 */
void dl_fix_edit(dl_fix *fix, size_t start, size_t end, const char *text);
/* Are the fix's edits sorted, within len bytes and apart? */
bool dl_fix_valid(const dl_fix *fix, size_t len);
void dl_fix_free(dl_fix *fix);

/* Which fixes to apply. */
typedef enum {
	DL_FIXES_SAFE,   /* safe ones only */
	DL_FIXES_UNSAFE, /* unsafe ones too */
} dl_fix_level;

/* Does the level apply this fix? */
bool dl_fix_applies(const dl_fix *fix, dl_fix_level level);

#endif
