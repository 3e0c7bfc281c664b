// The component library: a tenant described with these is spread over AZs, backed up outside its
// AZ and closed to the Internet by default. Each component registers its validated inputs (the
// policy pack reads them) and fails early with a bilingual message naming the field.
export * from "./tenant";
export * from "./securityGroup";
export * from "./backupPolicy";
export * from "./cluster";
export * from "./lun";
export * from "./placement";
export * from "./workload";
export * from "./backupVault";
