// A component's constructor errors are filed under the component's own URN, never its parent's:
// the CLI then shows the sentence on the component the user wrote, not on the tenant or workload
// above it.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy, BackupVault, Cluster, Lun, SecurityGroup } from "../../../provider/components";
import { componentTokens } from "../../../provider/resources/tokens";
import { reset, value } from "./mocks";

type Construct = (name: string, opts: pulumi.ComponentResourceOptions) => unknown;

// Each with an argument its validation refuses before anything is registered.
const components: [string, string, Construct][] = [
    ["Cluster", componentTokens.cluster, (name, opts) => new Cluster(name, { name: "" } as never, opts)],
    ["Lun", componentTokens.lun, (name, opts) => new Lun(name, { name: "" } as never, opts)],
    ["BackupPolicy", componentTokens.backupPolicy, (name, opts) => new BackupPolicy(name, { policyName: "" }, opts)],
    ["SecurityGroup", componentTokens.securityGroup, (name, opts) => new SecurityGroup(name, { ingress: "none" } as never, opts)],
    ["BackupVault", componentTokens.backupVault, (name, opts) => new BackupVault(name, { bucketName: "" } as never, opts)],
];

describe("component errors", () => {
    beforeEach(reset);

    for (const [kind, token, construct] of components) {
        it(`${kind} files its constructor errors under its own URN, not under its parent`, async () => {
            const parent = new pulumi.ComponentResource("acme:index:Org", "org", {});
            let error: unknown;
            try {
                construct("mine", { parent });
            } catch (e) {
                error = e;
            }
            assert.ok(pulumi.ResourceError.isInstance(error), `${kind} refused its arguments with a ResourceError`);
            assert.match((error as Error).message, new RegExp(`^FR ${kind} « mine », `));
            const resource = (error as pulumi.ResourceError).resource;
            assert.ok(resource && resource !== parent, "not the parent");
            const escaped = token.replace(/[$:]/g, (c) => `\\${c}`);
            assert.match(await value(resource.urn), new RegExp(`::acme:index:Org\\$${escaped}::mine$`));
        });
    }
});
