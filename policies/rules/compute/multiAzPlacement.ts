// securetemple-compute-multi-az-placement: convention section 8.1 makes SLAs 1, 2 and 4 depend on
// the tenant spreading its systems over at least two availability zones, and vSphere HA (hence
// SLA 1) needs at least two hosts per cluster.
import type { PolicyResource } from "@pulumi/policy";
import { clusterRules } from "../../../provider/catalog";
import { configOf, definePolicy, quoted, report } from "../../support/policy";
import { types } from "../../support/resourceTypes";
import { propsOf } from "../../support/observed";
import { stackView } from "../../support/stack";
import { plain, readBoolean, readNumber, readString, readStrings, read, UNKNOWN, isText } from "../../support/values";

export interface MultiAzConfig {
    minAvailabilityZones: number;
    minHostsPerCluster: number;
    /** Accept workloads that declare `singleAz: true` (a deliberate, documented choice). */
    allowDeclaredSingleAz: boolean;
}

const defaults: MultiAzConfig = { minAvailabilityZones: 2, minHostsPerCluster: clusterRules.haMinimumHosts, allowDeclaredSingleAz: false };

/** Distinct AZs of a list, or UNKNOWN when any element is unknown. */
function distinctZones(values: readonly (string | typeof UNKNOWN)[] | typeof UNKNOWN | undefined): string[] | typeof UNKNOWN | undefined {
    if (values === UNKNOWN || values === undefined) {
        return values;
    }
    if (values.includes(UNKNOWN)) {
        return UNKNOWN;
    }
    return [...new Set((values as string[]).map((z) => z.trim().toUpperCase()))];
}

/** The AZs a workload declares: `availabilityZones`, else the AZs of its `placement` list. */
function declaredWorkloadZones(props: Record<string, unknown>): string[] | typeof UNKNOWN | undefined {
    const zones = distinctZones(readStrings(props, "availabilityZones"));
    if (zones !== undefined) {
        return zones;
    }
    const placement = read(props, "placement");
    if (placement === UNKNOWN) {
        return UNKNOWN;
    }
    if (!Array.isArray(placement)) {
        return undefined;
    }
    return distinctZones(
        placement.map((p) => {
            const az = readString(p, "availabilityZone");
            return az === UNKNOWN ? UNKNOWN : (az ?? UNKNOWN);
        }),
    );
}

function list(zones: string[]): string {
    return zones.length === 0 ? "-" : zones.join(", ");
}

export const computeMultiAzPlacement = definePolicy(
    {
        name: "securetemple-compute-multi-az-placement",
        sections: ["8.1"],
        severity: "high",
        enforcementLevel: "mandatory",
        levelRationale:
            "A single-AZ workload silently forfeits the availability SLAs the tenant pays for, and nothing in the platform warns about it later; the pipeline is the last place to catch it.",
        description: {
            fr: "Vérifie que les répliques d'une charge de travail couvrent au moins deux zones de disponibilité, que le tenant souscrit à au moins deux zones et qu'un cluster compte au moins deux hôtes.",
            en: "Checks that the replicas of a workload span at least two availability zones, that the tenant subscribes to at least two zones and that a cluster has at least two hosts.",
        },
        remediation: {
            fr: "Répartir les répliques sur au moins deux zones (par exemple AZ05 et AZ06), souscrire une deuxième zone pour le tenant et commander au moins deux lames par cluster.",
            en: "Spread the replicas over at least two zones (for example AZ05 and AZ06), subscribe the tenant to a second zone and order at least two blades per cluster.",
        },
        appliesTo: [types.workload, types.tenant, types.cluster, types.vm],
        judgedAlone: [types.workload, types.tenant, types.cluster],
        configSchema: {
            properties: {
                minAvailabilityZones: {
                    type: "integer",
                    minimum: 1,
                    maximum: 3,
                    default: defaults.minAvailabilityZones,
                    description: "Distinct AZs required.",
                },
                minHostsPerCluster: {
                    type: "integer",
                    minimum: 1,
                    maximum: clusterRules.maximumHosts,
                    default: defaults.minHostsPerCluster,
                    description: "Hosts required per cluster.",
                },
                allowDeclaredSingleAz: { type: "boolean", default: false, description: "Accept workloads declared with singleAz: true." },
            },
        },
    },
    {
        validateResource: (args, reportViolation) => {
            const config = configOf(args, defaults);
            const props = plain(args.props);
            const who = quoted(args.name);
            if (args.type === types.tenant) {
                const zones = distinctZones(readStrings(props, "availabilityZones"));
                if (zones !== UNKNOWN && zones !== undefined && zones.length < config.minAvailabilityZones) {
                    report(reportViolation, {
                        fr: `Le tenant ${who.fr} ne souscrit qu'à ${zones.length} zone(s) de disponibilité (${list(zones)}) alors qu'il en faut au moins ${config.minAvailabilityZones} pour bénéficier des SLA 1, 2 et 4.`,
                        en: `The tenant ${who.en} subscribes to only ${zones.length} availability zone(s) (${list(zones)}) while at least ${config.minAvailabilityZones} are needed for SLAs 1, 2 and 4.`,
                    });
                }
            } else if (args.type === types.cluster) {
                const hosts = readNumber(props, "hostCount");
                if (typeof hosts === "number" && hosts < config.minHostsPerCluster) {
                    report(reportViolation, {
                        fr: `Le cluster ${who.fr} n'a que ${hosts} hôte(s) alors qu'il en faut au moins ${config.minHostsPerCluster} pour la haute disponibilité vSphere et le SLA 1.`,
                        en: `The cluster ${who.en} has only ${hosts} host(s) while at least ${config.minHostsPerCluster} are needed for vSphere high availability and SLA 1.`,
                    });
                }
            } else {
                const declaredSingle = readBoolean(props, "singleAz") === true;
                if (declaredSingle && config.allowDeclaredSingleAz) {
                    return;
                }
                const zones = declaredWorkloadZones(props);
                if (zones !== UNKNOWN && zones !== undefined && zones.length < config.minAvailabilityZones) {
                    const replicas = readNumber(props, "replicas");
                    const count = typeof replicas === "number" ? replicas : "?";
                    const why = declaredSingle
                        ? {
                              fr: " Elle est déclarée singleAz : ce choix prive le tenant des SLA 1, 2 et 4.",
                              en: " It is declared singleAz: that choice forfeits SLAs 1, 2 and 4.",
                          }
                        : { fr: "", en: "" };
                    report(reportViolation, {
                        fr: `La charge de travail ${who.fr} place ses ${count} réplique(s) dans ${zones.length} zone(s) (${list(zones)}) au lieu d'au moins ${config.minAvailabilityZones}.${why.fr}`,
                        en: `The workload ${who.en} places its ${count} replica(s) in ${zones.length} zone(s) (${list(zones)}) instead of at least ${config.minAvailabilityZones}.${why.en}`,
                    });
                }
            }
        },
        // Cross-resource: the VMs a workload actually created (its children, through `parent`)
        // must be spread too. Reported only when the workload's own declaration does not already
        // show the problem, so one fault gives one message.
        validateStack: (args, reportViolation) => {
            const config = configOf(args, defaults);
            const view = stackView(args.resources);
            const groups = view.groupUnder([types.vm], [types.workload]);
            for (const [workloadUrn, vms] of groups) {
                const workload = view.byUrn.get(workloadUrn) as PolicyResource;
                const wprops = propsOf(workload);
                if (readBoolean(wprops, "singleAz") === true && config.allowDeclaredSingleAz) {
                    continue;
                }
                const declared = declaredWorkloadZones(wprops);
                if (declared !== UNKNOWN && declared !== undefined && declared.length < config.minAvailabilityZones) {
                    continue;
                }
                const zones = new Set<string>();
                let undecided = false;
                for (const vm of vms) {
                    const az = readString(propsOf(vm), "availabilityZone");
                    if (isText(az)) {
                        zones.add(az.trim().toUpperCase());
                    } else {
                        undecided = true;
                    }
                }
                if (!undecided && zones.size < config.minAvailabilityZones) {
                    const who = quoted(workload.name);
                    const names = vms
                        .map((v) => v.name)
                        .sort()
                        .join(", ");
                    report(
                        reportViolation,
                        {
                            fr: `Les machines virtuelles de la charge de travail ${who.fr} (${names}) sont toutes dans ${list([...zones])} alors qu'elles doivent couvrir au moins ${config.minAvailabilityZones} zones.`,
                            en: `The virtual machines of the workload ${who.en} (${names}) all run in ${list([...zones])} while they must span at least ${config.minAvailabilityZones} zones.`,
                        },
                        workload.urn,
                    );
                }
            }
        },
    },
);
