/* E99304: GetAtt StreamArn names a table that has a stream (StreamSpecification). */
#include <string.h>

#include "rules/dynamodb/dynamodb.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if ((r->kind != SL_REF_GETATT && r->kind != SL_REF_SUB) || r->pattern || !r->attr ||
		    strcmp(r->attr, "StreamArn") != 0)
			continue;
		const struct sl_entity *e = r->resource;
		if (!e || !(sl_samr_type_is(e, SL_DDB_TABLE) || sl_samr_type_is(e, SL_DDB_GLOBAL_TABLE)))
			continue;
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (props && (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props)))
			continue;
		if (sl_map_get(props, "StreamSpecification"))
			continue; /* a stream, or an Fn::If this rule does not weigh */
		sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "'%s.StreamArn' names the stream of %s '%s', "
			       "which has no StreamSpecification and so no stream: CloudFormation cannot "
			       "resolve the attribute and the stack fails. Add StreamSpecification "
			       "(StreamViewType: NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY) to "
			       "'%s'", r->name, sl_samr_type_is(e, SL_DDB_TABLE) ? "table" : "global table",
			       r->name, r->name);
	}
}

const struct sl_rule rule_E99304 = {
	.id = "E99304",
	.severity = SL_SEV_ERROR,
	.title = "StreamArn names a table with a stream",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html",
	.doc =
	"### What it checks\n"
	"`Fn::GetAtt` (or `${Table.StreamArn}` in `Fn::Sub`) of `StreamArn` on an "
	"`AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable` of the template names a table "
	"that sets `StreamSpecification`. A `StreamSpecification` chosen by `Fn::If` is not "
	"judged.\n\n"
	"### Why it matters\n"
	"A table has a stream only when `StreamSpecification` turns it on, and the table and "
	"global table references say that you must specify `StreamSpecification` to use the "
	"`StreamArn` attribute. Without it the attribute has no value: the event source mapping, "
	"pipe or policy that uses it fails, and the stack with it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Orders:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties:\n"
	"      BillingMode: PAY_PER_REQUEST\n"
	"      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n"
	"      KeySchema: [{AttributeName: id, KeyType: HASH}]\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      FunctionName: !Ref Processor\n"
	"      EventSourceArn: !GetAtt Orders.StreamArn\n"
	"      StartingPosition: LATEST\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Orders:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties:\n"
	"      BillingMode: PAY_PER_REQUEST\n"
	"      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n"
	"      KeySchema: [{AttributeName: id, KeyType: HASH}]\n"
	"      StreamSpecification:\n"
	"        StreamViewType: NEW_AND_OLD_IMAGES\n"
	"```\n",
	.check = check,
};
