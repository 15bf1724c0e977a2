/* doctree.h - a parsed document's tree built in an arena: the nodes libxml2's SAX2 handlers build */
#ifndef DL_DOCTREE_H
#define DL_DOCTREE_H

#include <stdbool.h>

#include <libxml/parser.h>

/*
 * The tree of one document, as libxml2's own SAX2 tree builder makes it (the same node types,
 * names, namespaces, attribute values, text merging and line numbers), for a document without
 * a DTD. Its nodes live in an arena of the tree's, freed all at once, never one by one: a
 * document is read, never edited, and freeing it node by node cost as much as building it.
 *
 * While the parser runs, the top-level nodes are held here, not in the parser's document:
 * libxml2 frees the document of a failed parse itself, node by node, which these nodes must
 * never be. dl_doctree_attach hands them to the document once the parse succeeded, and
 * dl_doctree_detach takes them back before xmlFreeDoc frees what libxml2 allocated of it.
 */
typedef struct dl_doctree dl_doctree;

dl_doctree *dl_doctree_new(void);
void dl_doctree_free(dl_doctree *t);
/* Free the arena chunks this thread keeps for its next document. */
void dl_doctree_thread_done(void);

/* The SAX2 events of the parser ctxt, as xmlSAX2StartElementNs and friends take them. */
void dl_doctree_start(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *localname,
		      const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
		      const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
		      const xmlChar **attributes);
void dl_doctree_end(xmlParserCtxtPtr ctxt);
/* False when the text grows past libxml2's limit of a text node (XML_MAX_TEXT_LENGTH). */
bool dl_doctree_text(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *ch, int len, bool cdata);
xmlNode *dl_doctree_comment(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *value);
void dl_doctree_pi(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *target,
		   const xmlChar *data);

/*
 * A DTD begins, and libxml2's tree builder takes over: the comments and processing
 * instructions before it are copied into ctxt's document as libxml2's own nodes, each with
 * the line and _private of its arena twin.
 */
void dl_doctree_hand_over(dl_doctree *t, xmlParserCtxtPtr ctxt);

void dl_doctree_attach(dl_doctree *t, xmlDoc *doc);
void dl_doctree_detach(dl_doctree *t, xmlDoc *doc);

#endif
