/* E1161: S3 bucket names follow the bucket naming rules. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1161 = {
	.id = "E1161",
	.severity = SL_SEV_ERROR,
	.title = "S3 bucket names follow the bucket naming rules",
	.source = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
	.doc =
	"### What it checks\n"
	"A literal `BucketName` of a new `AWS::S3::Bucket`: 3 to 63 characters of a-z, 0-9, `.` and "
	"`-`, beginning and ending with a letter or digit, no two adjacent periods, not an IP "
	"address, not starting with `xn--`, `sthree-` or `amzn-s3-demo-` and not ending with "
	"`-s3alias`, `--ol-s3`, `.mrap`, `--x-s3` or `--table-s3`. Where a property names a bucket "
	"that already exists (a bucket policy's `Bucket`, a Lambda function's `Code.S3Bucket`, a "
	"trail's `S3BucketName`, ...), buckets made in us-east-1 before March 2018 may still have up "
	"to 255 characters, capitals and underscores, so only what no bucket name can hold is "
	"reported there: an ARN, an `s3://` URL, a path.\n\n"
	"### Why it matters\n"
	"S3 refuses to create a bucket with such a name, and a property given a bucket ARN or URL "
	"where the name is wanted names no bucket. `!Ref Bucket` gives a bucket's name, `!GetAtt "
	"Bucket.Arn` its ARN.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Policy:\n"
	"    Type: AWS::S3::BucketPolicy\n"
	"    Properties:\n"
	"      Bucket: s3://my-logs\n"
	"      PolicyDocument:\n"
	"        Statement: []\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Bucket: my-logs\n"
	"```\n",
	.check = check,
};
