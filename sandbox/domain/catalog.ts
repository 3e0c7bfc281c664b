// What every tenant of the platform sees the same: the IAM roles (the permissions a user or a
// personal access token can hold, as the public Terraform provider names them) and the marketplace
// catalogue. Ids are derived from the names, so they are stable across sandboxes.
import { nameId } from "../store/ids";

/** The permissions of the services this sandbox emulates, and of the products beside them. */
const permissions = [
    "activity_read",
    "backup_iaas_spp_read",
    "backup_iaas_spp_write",
    "compute_iaas_vmware_infrastructure_read",
    "compute_iaas_vmware_infrastructure_write",
    "compute_iaas_vmware_management",
    "compute_iaas_vmware_read",
    "compute_iaas_vmware_virtual_machine_power",
    "iam_offline_access",
    "iam_read",
    "object-storage_iam_management",
    "object-storage_read",
    "object-storage_write",
    "tag_read",
    "tag_write",
];

export class IamRoles {
    list(): { id: string; name: string }[] {
        return permissions.map((name) => ({ id: nameId("platform", "iamRole", name), name }));
    }
}

export interface MarketplaceItem {
    id: string;
    name: string;
    editor: string;
    icon: string;
    description: string;
    descriptionEN: string;
    creationDate: string;
    lastUpdate: string;
    categories: string[];
    type: string;
    version: string;
    build: string;
    details: { overview: string; howToUse: string; support: string; termsAndConditions: string };
    detailsEN: { overview: string; howToUse: string; support: string; termsAndConditions: string };
    deploymentOptions: { targets: { key: string; name: string; skus: string[]; files: string[] }[] };
}

const images: { name: string; editor: string; version: string; fr: string; en: string; guest: string; sizeGiB: number }[] = [
    {
        name: "Ubuntu 24.04 LTS",
        editor: "Canonical",
        version: "24.04",
        fr: "Image cloud Ubuntu 24.04 LTS",
        en: "Ubuntu 24.04 LTS cloud image",
        guest: "ubuntu64Guest",
        sizeGiB: 10,
    },
    {
        name: "Debian 12",
        editor: "Debian",
        version: "12",
        fr: "Image cloud Debian 12 (Bookworm)",
        en: "Debian 12 (Bookworm) cloud image",
        guest: "debian12_64Guest",
        sizeGiB: 8,
    },
    {
        name: "Red Hat Enterprise Linux 9",
        editor: "Red Hat",
        version: "9.4",
        fr: "RHEL 9.4, licence à apporter",
        en: "RHEL 9.4, bring your own licence",
        guest: "rhel9_64Guest",
        sizeGiB: 20,
    },
];

export class Marketplace {
    items(): MarketplaceItem[] {
        return images.map((i) => {
            const id = nameId("platform", "marketplaceItem", i.name);
            const details = (text: string) => ({ overview: text, howToUse: "", support: "", termsAndConditions: "" });
            return {
                id,
                name: i.name,
                editor: i.editor,
                icon: "",
                description: i.fr,
                descriptionEN: i.en,
                creationDate: "2026-01-15T09:00:00Z",
                lastUpdate: "2026-06-01T09:00:00Z",
                categories: ["Operating system"],
                type: "Virtual Machine Image",
                version: i.version,
                build: "1",
                details: details(i.fr),
                detailsEN: details(i.en),
                deploymentOptions: {
                    targets: [
                        {
                            key: "vmware",
                            name: "IaaS VMware",
                            skus: ["csp:fr1:iaas:vmware:standard:v3"],
                            files: [`${i.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.ova`],
                        },
                    ],
                },
            };
        });
    }

    /** What a VMware deployment of the item would create (`/items/{id}/vmware/info`). */
    vmwareInfo(item: MarketplaceItem) {
        const image = images.find((i) => i.name === item.name) ?? images[0];
        return {
            name: item.name,
            cpu: { count: 2, numCoresPerSocket: 1 },
            memory: 2 * 1024 ** 3,
            operatingSystem: { id: image.guest, name: item.name },
            hardwareVersion: "vmx-21",
            networkAdapters: [{ name: "Network adapter 1", networkName: "VM Network", type: "VMXNET3" }],
            controllers: [{ id: "scsi0", name: "SCSI controller 0", type: "SCSI", subType: "ParaVirtual" }],
            disks: [
                {
                    name: "Hard disk 1",
                    capacity: image.sizeGiB * 1024 ** 3,
                    controllerId: "scsi0",
                    populatedSize: Math.floor(image.sizeGiB * 0.3 * 1024 ** 3),
                },
            ],
            extraConfig: [] as { key: string; value: string; required: boolean }[],
        };
    }
}
