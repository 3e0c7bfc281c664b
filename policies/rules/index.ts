// Every policy of the pack, in report order. Importing this module has no side effect: the pack
// itself is built only in policies/index.ts.
import type { SecureTemplePolicy } from "../support/policy";
import { backupAssociation } from "./backupAssociation";
import { multiAzPlacement } from "./multiAzPlacement";
import { noBackupAcknowledged } from "./noBackupAcknowledged";
import { securityGroupExceptions } from "./securityGroupExceptions";
import { securityGroupRules } from "./securityGroupRules";

export const policies: readonly SecureTemplePolicy[] = [
    multiAzPlacement,
    backupAssociation,
    noBackupAcknowledged,
    securityGroupRules,
    securityGroupExceptions,
];

export {
    backupAssociation,
    multiAzPlacement,
    noBackupAcknowledged,
    securityGroupExceptions,
    securityGroupRules,
};
