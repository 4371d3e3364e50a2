export const ADMIN_EMAIL = 'admin@e2e.local';
export const ADMIN_PASSWORD = 'e2e administrator passphrase';
