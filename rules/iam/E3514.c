/* E3514: the Resource ARNs of resource-based policies. */
#include "rules/iam/iam.h"

static void check_resource(void *ud, const struct sl_node *v)
{
	const struct sl_iam_doc *d = ((void **)ud)[1];
	struct sl_ctx *c = ((void **)ud)[0];
	if (!sl_node_is(v, SL_SCALAR) || sl_scalar_type(v) != SL_TYPE_STRING)
		return;
	if (d->s3 && sl_str_eq(v, "*")) {
		sl_report(c, v,
			  "a bucket policy's Resource '*' is not an ARN of the bucket or its "
			  "objects: S3 rejects the policy; write arn:aws:s3:::BUCKET or "
			  "arn:aws:s3:::BUCKET/* (e.g. !Sub '${Bucket.Arn}/*')");
		return;
	}
	if (!iam_arn_shape(v->str, v->len, false, true))
		sl_report(c, v,
			  "Resource '%s' of a resource-based policy is neither '*' nor an ARN "
			  "(arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE): the service rejects the "
			  "policy",
			  v->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_iam *m = iam_model(c);
	for (size_t i = 0; i < m->n_stmts; i++) {
		const struct sl_iam_stmt *s = &m->stmts[i];
		const struct sl_iam_doc *d = &m->docs[s->doc];
		if (d->kind != SL_IAM_RESOURCE && d->kind != SL_IAM_ECR)
			continue;
		void *ud[2] = { c, (void *)d };
		sl_iam_each_string(s->resource, check_resource, ud);
		sl_iam_each_string(s->not_resource, check_resource, ud);
	}
}

const struct sl_rule rule_E3514 = {
	.id = "E3514",
	.severity = SL_SEV_ERROR,
	.title = "Resource-based policy resources are ARNs",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html",
	.doc =
	"### What it checks\n"
	"Each literal `Resource` and `NotResource` of a resource-based policy (bucket, queue, "
	"topic, key, OpenSearch domain and ECR repository policies) is `*` or an ARN "
	"`arn:aws...:SERVICE:REGION:ACCOUNT:RESOURCE`; in an `AWS::S3::BucketPolicy` it is "
	"an ARN, never `*`. Values written with intrinsic functions are not judged.\n"
	"\n"
	"### Why it matters\n"
	"The service validates the policy when CloudFormation sets it: S3 rejects a bucket "
	"policy whose resources are not the bucket or its objects (MalformedPolicy: Policy "
	"has invalid resource), and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: '*'\n"
	"            Action: s3:GetObject\n"
	"            Resource: '*'\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: '*'\n"
	"            Action: s3:GetObject\n"
	"            Resource: !Sub '${Bucket.Arn}/*'\n"
	"```\n",
	.check = check,
};
