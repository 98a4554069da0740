// Validation limits shared by the server schemas and the web forms.
export const TITLE_MAX = 200;
export const DETAILS_MAX = 20_000;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const SLUG_MAX = 48;
export const DESCRIPTION_MAX = 2_000;
/** Why a problem was dismissed (or any other status change given a reason). */
export const REASON_MAX = 2_000;
export const IDEMPOTENCY_KEY_MAX = 200;
export const REQUEST_BODY_MAX_BYTES = 1024 * 1024;
export const PAGE_LIMIT_MAX = 200;
export const PAGE_LIMIT_DEFAULT = 50;
export const RESPONSE_TARGET_DEFAULT_MINUTES = 5;
/** A week: a longer target is not a response target any more. */
export const RESPONSE_TARGET_MAX_MINUTES = 10_080;
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
/** A pull's dedup key (an Alertmanager groupKey can be long). */
export const DEDUP_KEY_MAX = 1_000;
