// securetemple-compute-cluster-catalogue: convention section 7.2.3 (blades dedicated to the tenant,
// per AZ, model chosen from the catalogue) with the catalogue's cluster rules: one blade model per
// cluster, a known model, at most 32 hosts.
import { bladeModelIds, clusterRules, parseBladeModel } from "../../../provider/catalog";
import { definePolicy, quoted, report } from "../../support/policy";
import { propsOf } from "../../support/observed";
import { types } from "../../support/resourceTypes";
import { stackView } from "../../support/stack";
import { isText, plain, readNumber, readString, readStrings, UNKNOWN } from "../../support/values";

export const computeClusterCatalogue = definePolicy(
    {
        name: "securetemple-compute-cluster-catalogue",
        sections: ["7.2.3"],
        severity: "medium",
        enforcementLevel: "mandatory",
        levelRationale: "A cluster mixing models or outside the catalogue cannot be delivered as declared.",
        description: {
            fr: "Vérifie qu'un cluster utilise un seul modèle de lame du catalogue et au plus 32 hôtes.",
            en: "Checks that a cluster uses a single blade model from the catalogue and at most 32 hosts.",
        },
        remediation: {
            fr: "Choisir un modèle du catalogue (ECO, STANDARD, ADVANCE, PERF1 à PERF4) par cluster et créer un autre cluster pour un autre modèle.",
            en: "Choose one catalogue model (ECO, STANDARD, ADVANCE, PERF1 to PERF4) per cluster and create another cluster for another model.",
        },
        appliesTo: [types.cluster],
    },
    {
        validateResource: (args, reportViolation) => {
            const props = plain(args.props);
            const who = quoted(args.name);
            const model = readString(props, "bladeModel");
            const models = readStrings(props, "bladeModels");
            const all = [
                ...(isText(model) ? [model] : []),
                ...(models === UNKNOWN || models === undefined ? [] : models.filter((m): m is string => m !== UNKNOWN)),
            ];
            for (const m of all) {
                if (!parseBladeModel(m)) {
                    report(reportViolation, {
                        fr: `Le cluster ${who.fr} utilise le modèle de lame « ${m} » absent du catalogue ; valeurs autorisées : ${bladeModelIds.join(", ")}.`,
                        en: `The cluster ${who.en} uses the blade model "${m}" which is not in the catalogue; allowed values: ${bladeModelIds.join(", ")}.`,
                    });
                }
            }
            const distinct = new Set(all.map((m) => parseBladeModel(m) ?? m.toUpperCase()));
            if (distinct.size > 1) {
                report(reportViolation, {
                    fr: `Le cluster ${who.fr} mélange les modèles de lame ${[...distinct].join(", ")} ; un cluster n'en utilise qu'un.`,
                    en: `The cluster ${who.en} mixes the blade models ${[...distinct].join(", ")}; a cluster uses only one.`,
                });
            }
            const hosts = readNumber(props, "hostCount");
            if (typeof hosts === "number" && hosts > clusterRules.maximumHosts) {
                report(reportViolation, {
                    fr: `Le cluster ${who.fr} compte ${hosts} hôtes, plus que le maximum de ${clusterRules.maximumHosts}.`,
                    en: `The cluster ${who.en} has ${hosts} hosts, more than the maximum of ${clusterRules.maximumHosts}.`,
                });
            }
        },
        // Cross-resource: two Cluster declarations of the same cluster name and AZ with different models.
        validateStack: (args, reportViolation) => {
            const view = stackView(args.resources);
            const seen = new Map<string, { model: string; urn: string }>();
            // URN order, not registration order (which varies between runs): the same declaration is reported each time.
            const clusters = view.ofType(types.cluster).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
            for (const c of clusters) {
                const props = propsOf(c);
                const name = readString(props, "name");
                const az = readString(props, "availabilityZone");
                const model = readString(props, "bladeModel");
                if (!isText(name) || !isText(az) || !isText(model)) {
                    continue;
                }
                const key = `${az.toUpperCase()}/${name}`;
                const normalised = parseBladeModel(model) ?? model.toUpperCase();
                const first = seen.get(key);
                if (!first) {
                    seen.set(key, { model: normalised, urn: c.urn });
                } else if (first.model !== normalised) {
                    const who = quoted(name);
                    report(
                        reportViolation,
                        {
                            fr: `Le cluster ${who.fr} en ${az} est déclaré avec les modèles ${first.model} et ${normalised} ; un cluster n'utilise qu'un modèle de lame.`,
                            en: `The cluster ${who.en} in ${az} is declared with the models ${first.model} and ${normalised}; a cluster uses only one blade model.`,
                        },
                        c.urn,
                    );
                }
            }
        },
    },
);
