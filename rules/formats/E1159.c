/* E1159: Certificate ARNs name an ACM (or IAM server) certificate. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1159 = {
	.id = "E1159",
	.severity = SL_SEV_ERROR,
	.title = "Certificate ARNs name an ACM (or IAM server) certificate",
	.source = "https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ARN of a certificate: an ACM certificate "
	"(`arn:<partition>:acm:<region>:<account>:certificate/<id>`) for API Gateway and CloudFront "
	"custom domains, Cognito user pool domains, OpenSearch custom endpoints and the like; an ACM "
	"certificate or an IAM server certificate "
	"(`arn:<partition>:iam::<account>:server-certificate/<name>`, "
	"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html) "
	"for load balancer listeners and AppSync domains.\n\n"
	"### Why it matters\n"
	"A certificate name, a domain name or a placeholder where the ARN is wanted fails when the "
	"resource is created. `!Ref` of an `AWS::CertificateManager::Certificate` gives its ARN.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Domain:\n"
	"    Type: AWS::ApiGateway::DomainName\n"
	"    Properties:\n"
	"      DomainName: api.example.com\n"
	"      RegionalCertificateArn: api.example.com\n"
	"      EndpointConfiguration:\n"
	"        Types: [REGIONAL]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      RegionalCertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\n"
	"```\n",
	.check = check,
};
