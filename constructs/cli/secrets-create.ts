/** How the Secrets are created: `create`, never `apply` (replacing Rails secrets makes encrypted data unreadable). */
export const CREATE_COMMAND = 'kubectl create -f secrets.yaml';
