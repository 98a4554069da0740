export const SERVER_BUNDLE: string;
export function buildServer(root?: string): Promise<string>;
