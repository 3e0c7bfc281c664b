// The service's ids: UUIDs (8-4-4-4-12 hexadecimal digits, any case, as the Terraform provider's
// `IsUUID` accepts them). The one pattern of the package: the declarations' shape checks
// (`../schema/common.ts`) and the API client's activity kinds (`../api/activityPoller.ts`) read it.
const uuidSource = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** A whole value that is one API id. */
export const uuidRegExp = new RegExp(`^${uuidSource}$`);

/** Every API id inside a longer text (a path). */
export const uuidsInText = (): RegExp => new RegExp(uuidSource, "g");
