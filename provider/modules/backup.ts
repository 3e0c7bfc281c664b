// The `backup` module of the package, as Pulumi's Node.js code generator names it: the
// component securetemple:backup:Policy is the BackupPolicy class.
export { BackupPolicy as Policy, BackupPolicyArgs as PolicyArgs } from "../components/backupPolicy";
export { getBackupPolicy, getBackupPolicyOutput } from "../resources/sdk/functions";
