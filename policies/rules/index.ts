// Every policy of the pack, in report order. Importing this module has no side effect: the pack
// itself is built only in policies/index.ts.
import type { SecureTemplePolicy } from "../support/policy";
import { backupAssociation } from "./backupAssociation";
import { backupOffAz } from "./backupOffAz";
import { backupVersioning } from "./backupVersioning";
import { bucketAccess } from "./bucketAccess";
import { clusterCatalogue } from "./clusterCatalogue";
import { consoleAllowList } from "./consoleAllowList";
import { dataResidency } from "./dataResidency";
import { lunCatalogue } from "./lunCatalogue";
import { multiAzPlacement } from "./multiAzPlacement";
import { noBackupAcknowledged } from "./noBackupAcknowledged";
import { securityGroupExceptions } from "./securityGroupExceptions";
import { securityGroupRules } from "./securityGroupRules";

export const policies: readonly SecureTemplePolicy[] = [
    multiAzPlacement,
    backupAssociation,
    noBackupAcknowledged,
    backupOffAz,
    securityGroupRules,
    securityGroupExceptions,
    dataResidency,
    consoleAllowList,
    bucketAccess,
    backupVersioning,
    lunCatalogue,
    clusterCatalogue,
];

export {
    backupAssociation,
    backupOffAz,
    backupVersioning,
    bucketAccess,
    clusterCatalogue,
    consoleAllowList,
    dataResidency,
    lunCatalogue,
    multiAzPlacement,
    noBackupAcknowledged,
    securityGroupExceptions,
    securityGroupRules,
};
