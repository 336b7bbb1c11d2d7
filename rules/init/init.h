/*
 * Helpers shared by the AWS::CloudFormation::Init rules (rules/init/): the Init
 * metadata of a resource, and the text of a file's content assembled from a
 * string, Fn::Join or Fn::Sub, with placeholders for what cannot be known.
 */
#ifndef SL_RULES_INIT_INIT_H
#define SL_RULES_INIT_INIT_H

#include <stdbool.h>

#include "engine/engine.h"
#include "util/buf.h"

#define SL_INIT_KEY "AWS::CloudFormation::Init"

/* A byte standing for a value that cannot be known inside assembled text. */
#define SL_INIT_UNKNOWN '\x01'

/* The Init metadata of a resource (its value node), or NULL when it has none. */
const struct sl_node *sl_init_of(const struct sl_entity *resource);

/* Appends the text of n to out: a scalar, Fn::Join (with a literal delimiter
 * and list), Fn::Sub (string or [string, map]: the string as written, ${X}
 * kept) and, inside those, any other intrinsic function as SL_INIT_UNKNOWN.
 * Returns false when the text cannot be assembled at all (n is itself an
 * intrinsic other than Join/Sub, or a map or list); out then holds garbage.
 * *opaque is set when a part is a function other than Ref, GetAtt, Join or
 * Sub (Fn::If, Fn::FindInMap, Fn::ImportValue, ...) or a Ref to a parameter:
 * such a part may carry any text. */
bool sl_init_text(const struct sl_template *t, const struct sl_node *n, struct sl_buf *out,
		  bool *opaque);

#endif
