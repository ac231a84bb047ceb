/**
 * A component's ServiceAccount (the chart's `<component>.serviceAccount.{name,create,automountServiceAccountToken}`).
 * By default each component runs as its own account `<release>-<component>`, created by the platform, token not
 * mounted: no GitLab component talks to the Kubernetes API.
 */
export interface ServiceAccountOptions {
  /** The account's name. @default `<release>-<component>` (the chart's `global.serviceAccount.name` applies to every component) */
  readonly name?: string;
  /**
   * Create the account, or run as one that exists already (made with RBAC or cloud roles outside the platform; its
   * annotations are then not written). @default true
   */
  readonly create?: boolean;
  /**
   * Mount the account's API token into the pods (`automountServiceAccountToken`), e.g. for an extra container of
   * your own that calls the Kubernetes API. The token lets anything in the pod act as the account. @default false
   */
  readonly automountToken?: boolean;
}

/** After defaults. */
export interface ResolvedServiceAccount {
  /** The name, when it differs from the component's own. */
  readonly name?: string;
  readonly create: boolean;
  readonly automountToken: boolean;
}
