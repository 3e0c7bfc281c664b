// The package's modules as Pulumi's code generators name them (the part of a type token between
// the package and the type: securetemple:compute:VirtualMachine is compute.VirtualMachine), so
// that generated code compiles against this package. Tokens of module "index" are at the root.
export * as compute from "./compute";
export * as objectstorage from "./objectstorage";
export * as backup from "./backup";
export * as network from "./network";
export * as storage from "./storage";

import { availabilityZoneEnum } from "../schema/common";
import { enumObject } from "../resources/sdk/declared";

export const AvailabilityZoneName = enumObject(availabilityZoneEnum);
export type AvailabilityZoneName = (typeof AvailabilityZoneName)[keyof typeof AvailabilityZoneName];
