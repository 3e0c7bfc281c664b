// The `storage` module of the package, as Pulumi's Node.js code generator names it.
export { Lun, LunArgs } from "../components/lun";
