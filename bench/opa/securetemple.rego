# Three rules of the Secure Temple policy pack written in Rego, for the side-by-side benchmark
# bench/policies-opa.ts: multi-AZ placement, backup association and security-group rules, over a
# `pulumi stack export` document. Written for linear evaluation: every lookup goes through an
# object or set built once (no comprehension over all resources inside a per-resource rule).
# The security-group rule covers what the benchmark's stacks hold (sources compared after
# net.cidr_merge, private ranges, every port); the pack also normalises IPv6 forms that embed IPv4.
package securetemple

import rego.v1

resources := [r |
	some r in input.deployment.resources
	r.type != "pulumi:pulumi:Stack"
	not startswith(r.type, "pulumi:providers:")
	not r.delete
]

# Lookups go through objects built once (complete rules): a partial object rule looked up by a
# bound key scans its body again at each lookup, which made the first version quadratic.
props := {r.urn: object.union(object.get(r, "inputs", {}), object.get(r, "outputs", {})) | some r in resources}

of_type := {t: [r | some r in resources; r.type == t] | some t in {r.type | some r in resources}}

# --- securetemple-compute-multi-az-placement ------------------------------------------------

multi_az := "securetemple-compute-multi-az-placement"

distinct_zones(list) := {upper(trim_space(z)) | some z in list}

declared_zones(p) := distinct_zones(p.availabilityZones) if is_array(p.availabilityZones)

declared_zones(p) := {upper(trim_space(x.availabilityZone)) | some x in p.placement} if {
	not is_array(p.availabilityZones)
	is_array(p.placement)
}

findings contains {"policy": multi_az, "urn": r.urn} if {
	some r in of_type["securetemple:index:Tenant"]
	count(distinct_zones(props[r.urn].availabilityZones)) < 2
}

findings contains {"policy": multi_az, "urn": r.urn} if {
	some r in of_type["securetemple:compute:Cluster"]
	props[r.urn].hostCount < 2
}

findings contains {"policy": multi_az, "urn": r.urn} if {
	some r in of_type["securetemple:compute:Workload"]
	count(declared_zones(props[r.urn])) < 2
}

children[p] contains r if {
	some r in of_type["securetemple:compute:VirtualMachine"]
	p := r.parent
	of_type_by_urn[p] == "securetemple:compute:Workload"
}

of_type_by_urn := {r.urn: r.type | some r in resources}

findings contains {"policy": multi_az, "urn": w} if {
	some w, vms in children
	not short_declaration(w)
	every vm in vms {
		is_string(props[vm.urn].availabilityZone)
	}
	count({upper(trim_space(props[vm.urn].availabilityZone)) | some vm in vms}) < 2
}

short_declaration(w) if count(declared_zones(props[w])) < 2

# --- securetemple-backup-policy-association ---------------------------------------------------

backup := "securetemple-backup-policy-association"

backup_property := {
	"securetemple:compute:VirtualMachine": "backupPolicies",
	"cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine": "backupSlaPolicies",
	"cloudtemple:index/computeIaasOpensourceVirtualMachine:ComputeIaasOpensourceVirtualMachine": "backupSlaPolicies",
	"vsphere:index/virtualMachine:VirtualMachine": "tags",
}

# Power state when absent: on for ours, off for the bridged VMware VM, unknown for OpenIaaS.
default_power := {
	"securetemple:compute:VirtualMachine": "on",
	"cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine": "off",
}

decided_power(r) := "off" if lower(props[r.urn].powerState) == "off"

decided_power(r) := "on" if {
	is_string(props[r.urn].powerState)
	lower(props[r.urn].powerState) != "off"
}

decided_power(r) := default_power[r.type] if not is_string(props[r.urn].powerState)

findings contains {"policy": backup, "urn": r.urn} if {
	some t, property in backup_property
	some r in of_type[t]
	count(object.get(props[r.urn], property, [])) == 0
	unassigned_fails(r)
}

unassigned_fails(r) if r.type == "vsphere:index/virtualMachine:VirtualMachine"

unassigned_fails(r) if decided_power(r) # on, or off without allowPoweredOffWithoutBackup

findings contains {"policy": backup, "urn": r.urn} if {
	some r in of_type["securetemple:compute:Workload"]
	props[r.urn].backupPolicyNames == []
}

# Backup Policy components by every key a program may assign, and by URN.
policy_by_key := {lower(k): p |
	some p in object.get(of_type, "securetemple:backup:Policy", [])
	some key in ["id", "policyId", "policyName", "name"]
	k := props[p.urn][key]
	is_string(k)
}

policy_by_urn := {p.urn: p | some p in object.get(of_type, "securetemple:backup:Policy", [])}

held(p) if upper(props[p.urn].status) == "HELD"

assigned(vm) := {p |
	some d in array.concat(object.get(vm, ["propertyDependencies", "backupPolicies"], []), object.get(vm, "dependencies", []))
	p := policy_by_urn[d]
} | {p |
	some v in object.get(props[vm.urn], backup_property[vm.type], [])
	p := policy_by_key[lower(v)]
}

findings contains {"policy": backup, "urn": vm.urn} if {
	some t, _ in backup_property
	t != "vsphere:index/virtualMachine:VirtualMachine"
	some vm in of_type[t]
	some p in assigned(vm)
	held(p)
}

findings contains {"policy": backup, "urn": w.urn} if {
	some w in of_type["securetemple:compute:Workload"]
	some name in props[w.urn].backupPolicyNames
	held(policy_by_key[lower(name)])
}

# vSphere: tags found through the VM's dependencies or by id, categories through the tag's.
backup_categories := {"backup", "backup-policy", "securetemple-backup"}

tags := object.get(of_type, "vsphere:index/tag:Tag", [])

categories := object.get(of_type, "vsphere:index/tagCategory:TagCategory", [])

tag_by_urn := {t.urn: t | some t in tags}

tag_by_id := {props[t.urn].id: t | some t in tags; props[t.urn].id}

category_by_urn := {c.urn: c | some c in categories}

category_by_id := {props[c.urn].id: c | some c in categories; props[c.urn].id}

vm_tags(vm) := {t.urn |
	some d in array.concat(object.get(vm, ["propertyDependencies", "tags"], []), object.get(vm, "dependencies", []))
	t := tag_by_urn[d]
} | {t.urn |
	some id in object.get(props[vm.urn], "tags", [])
	t := tag_by_id[id]
}

tag_category(t) := category_by_urn[d] if {
	some d in array.concat(object.get(tag_by_urn[t], ["propertyDependencies", "categoryId"], []), object.get(tag_by_urn[t], "dependencies", []))
	category_by_urn[d]
}

tag_category(t) := category_by_id[props[t].categoryId] if {
	not has_category_dependency(t)
	category_by_id[props[t].categoryId]
}

has_category_dependency(t) if {
	some d in array.concat(object.get(tag_by_urn[t], ["propertyDependencies", "categoryId"], []), object.get(tag_by_urn[t], "dependencies", []))
	category_by_urn[d]
}

findings contains {"policy": backup, "urn": vm.urn} if {
	some vm in of_type["vsphere:index/virtualMachine:VirtualMachine"]
	ids := object.get(props[vm.urn], "tags", [])
	count(ids) > 0
	tags := vm_tags(vm)
	resolved := {t | some t in tags; tag_category(t)}
	count(resolved) >= max([count(ids), count(tags)])
	every t in resolved {
		not backup_categories[lower(props[tag_category(t).urn].name)]
	}
}

# --- securetemple-network-security-group-rules ----------------------------------------------

sg := "securetemple-network-security-group-rules"

trusted := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]

internet_ports := [22, 3389]

private_only := [[445, "tcp"], [445, "udp"], [2049, "tcp"], [2049, "udp"]]

# An ingress rule with its ports made explicit, as the SecurityGroup component reads it.
ingress[r.urn] contains rule if {
	some r in of_type["securetemple:network:SecurityGroup"]
	some x in object.get(props[r.urn], "ingress", [])
	not x.exception
	proto := lower(x.protocol)
	proto != "icmp"
	ports := port_range(x, proto)
	rule := {"protocol": proto, "from": ports[0], "to": ports[1], "cidrs": x.cidrs}
}

port_range(_, "all") := [0, 65535]

port_range(x, proto) := [x.fromPort, object.get(x, "toPort", x.fromPort)] if {
	proto != "all"
	is_number(x.fromPort)
}

port_range(x, proto) := [0, object.get(x, "toPort", 65535)] if {
	proto != "all"
	not is_number(x.fromPort)
}

opens(rule, port, proto) if {
	rule.protocol in {"all", proto}
	rule.from <= port
	port <= rule.to
}

findings contains {"policy": sg, "urn": urn} if {
	some urn, rules in ingress
	some rule in rules
	rule.from <= 1
	rule.to >= 65535
}

findings contains {"policy": sg, "urn": urn} if {
	some urn, rules in ingress
	some port in internet_ports
	sources := {c | some rule in rules; opens(rule, port, "tcp"); some c in rule.cidrs}
	some merged in net.cidr_merge(sources)
	merged in {"0.0.0.0/0", "::/0"}
}

findings contains {"policy": sg, "urn": urn} if {
	some urn, rules in ingress
	some [port, proto] in private_only
	some rule in rules
	opens(rule, port, proto)
	some c in rule.cidrs
	not inside_trusted(c)
}

inside_trusted(c) if {
	some t in trusted
	net.cidr_contains(t, c)
}
