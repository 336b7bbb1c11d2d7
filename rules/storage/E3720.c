/* E3720: a DB instance with a KmsKeyId whose StorageEncrypted is not true. */
#include "rules/storage/storage.h"

#include <strings.h>

/* The properties from which an instance inherits its encryption: then it
 * takes no StorageEncrypted of its own. */
static const char *const inherits[] = {
	"DBClusterIdentifier", "DBSnapshotIdentifier", "SourceDBInstanceIdentifier",
	"SourceDBClusterIdentifier", "DBClusterSnapshotIdentifier",
};

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_pair *kp = sl_sto_set_pair(props, "KmsKeyId");
	if (!kp || sl_sto_props_open(props))
		return;
	for (size_t i = 0; i < sizeof(inherits) / sizeof(inherits[0]); i++)
		if (sl_map_get_pair(props, inherits[i]))
			return;
	/* Aurora instances take their key from the cluster; RDS Custom encrypts
	 * with the key alone. Only an engine known here is judged. */
	const struct sl_node *eng = sl_map_get(props, "Engine");
	if (!sl_samr_is_string(eng) || strncasecmp(eng->str, "aurora", 6) == 0 ||
	    strncasecmp(eng->str, "custom-", 7) == 0)
		return;
	const struct sl_pair *sp = sl_map_get_pair(props, "StorageEncrypted");
	if (!sp || sl_sto_absent(sp->value))
		sl_report(c, kp->key,
			  "KmsKeyId is set but StorageEncrypted is not (it defaults to false): RDS uses "
			  "the key only for an encrypted instance, and CloudFormation requires "
			  "StorageEncrypted: true with a KmsKeyId. Add StorageEncrypted: true, or remove "
			  "KmsKeyId");
	else if (sl_scalar_bool(sp->value) == 0 || sl_str_eq(sp->value, "false"))
		sl_report(c, sp->value,
			  "StorageEncrypted is false while KmsKeyId is set: RDS uses the key only for an "
			  "encrypted instance, and CloudFormation requires StorageEncrypted: true with a "
			  "KmsKeyId. Set StorageEncrypted to true, or remove KmsKeyId");
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBInstance", check_one, NULL);
}

const struct sl_rule rule_E3720 = {
	.id = "E3720",
	.severity = SL_SEV_ERROR,
	.title = "A DB instance with a KMS key is encrypted",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBInstance` with a `KmsKeyId` and a literal `Engine` other than Aurora "
	"(`aurora-*`) and RDS Custom (`custom-*`) sets `StorageEncrypted` to `true`. An instance "
	"that inherits its encryption (with `DBClusterIdentifier`, `DBSnapshotIdentifier`, "
	"`SourceDBInstanceIdentifier`, `SourceDBClusterIdentifier` or "
	"`DBClusterSnapshotIdentifier`) is not judged, nor is a `StorageEncrypted` given by a "
	"parameter or a function.\n\n"
	"### Why it matters\n"
	"The resource's documentation says that if you specify `KmsKeyId`, you must enable "
	"encryption by setting `StorageEncrypted` to true; `StorageEncrypted` defaults to false. "
	"RDS rejects a key for an unencrypted instance, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      Engine: postgres\n"
	"      DBInstanceClass: db.t3.micro\n"
	"      AllocatedStorage: \"20\"\n"
	"      MasterUsername: admin\n"
	"      ManageMasterUserPassword: true\n"
	"      KmsKeyId: !Ref Key\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      KmsKeyId: !Ref Key\n"
	"      StorageEncrypted: true\n"
	"```\n",
	.check = check,
};
