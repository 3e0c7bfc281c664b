// The `network` module of the package, as Pulumi's Node.js code generator names it.
import { ruleProtocolEnum } from "../schema/components";
import { enumObject } from "../resources/sdk/declared";

export { SecurityGroup, SecurityGroupArgs } from "../components/securityGroup";

export const RuleProtocol = enumObject(ruleProtocolEnum);
export type RuleProtocol = (typeof RuleProtocol)[keyof typeof RuleProtocol];
