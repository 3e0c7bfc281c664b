// Every policy of the pack, in report order. A policy named securetemple-<area>-<check> lives in
// rules/<area>/<check in camelCase>.ts, is exported as the camelCase of <area>-<check>, and is tested
// in test/unit/policies/rules/<area>/<check in camelCase>.test.ts (test/unit/policies/naming.test.ts
// keeps the three in step). Importing this module has no side effect: the pack itself is built
// only in policies/index.ts.
import type { SecureTemplePolicy } from "../support/policy";
import { backupNoBackupAcknowledged } from "./backup/noBackupAcknowledged";
import { backupOffAzCopies } from "./backup/offAzCopies";
import { backupPolicyAssociation } from "./backup/policyAssociation";
import { computeClusterCatalogue } from "./compute/clusterCatalogue";
import { computeMultiAzPlacement } from "./compute/multiAzPlacement";
import { locationDataResidency } from "./location/dataResidency";
import { networkSecurityGroupExceptions } from "./network/securityGroupExceptions";
import { networkSecurityGroupRules } from "./network/securityGroupRules";
import { objectstorageBackupVersioning } from "./objectstorage/backupVersioning";
import { objectstorageBucketAccess } from "./objectstorage/bucketAccess";
import { storageLunCatalogue } from "./storage/lunCatalogue";
import { tenantConsoleAllowList } from "./tenant/consoleAllowList";

export const policies: readonly SecureTemplePolicy[] = [
    computeMultiAzPlacement,
    backupPolicyAssociation,
    backupNoBackupAcknowledged,
    backupOffAzCopies,
    networkSecurityGroupRules,
    networkSecurityGroupExceptions,
    locationDataResidency,
    tenantConsoleAllowList,
    objectstorageBucketAccess,
    objectstorageBackupVersioning,
    storageLunCatalogue,
    computeClusterCatalogue,
];

export {
    backupNoBackupAcknowledged,
    backupOffAzCopies,
    backupPolicyAssociation,
    computeClusterCatalogue,
    computeMultiAzPlacement,
    locationDataResidency,
    networkSecurityGroupExceptions,
    networkSecurityGroupRules,
    objectstorageBackupVersioning,
    objectstorageBucketAccess,
    storageLunCatalogue,
    tenantConsoleAllowList,
};
