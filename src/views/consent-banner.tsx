import { SITE_PATHS } from '../shared/site-paths.js';
import { PostForm } from './form.js';
import type { ViewContext } from './view-context.js';

/**
 * The first-visit banner (docs/requirements.md §7, CNIL): "Accept all" and "Reject all" are
 * the same element with the same class, side by side, one click each;
 * "Customise" leads to the per-category choices and every detail. Two short
 * sentences, so that on a phone it leaves most of the screen to the shop.
 * It blocks nothing.
 */
export function ConsentBanner({ ctx }: { readonly ctx: ViewContext }) {
  const t = ctx.t.consent;
  return (
    <section class="consent-banner" aria-label={t.bannerLabel} data-consent-banner>
      <PostForm ctx={ctx} action={SITE_PATHS.consent} class="consent-form" data-consent-form>
        <input type="hidden" name="next" value={ctx.path} />
        <p id="consent-text">
          <span class="consent-text-long">{t.bannerText}</span>
          <span class="consent-text-short">{t.bannerTextShort}</span>{' '}
          <a href={`${SITE_PATHS.privacy}#choices`} class="consent-customise">
            {t.customise}
          </a>
        </p>
        <div class="consent-actions">
          <button type="submit" name="choice" value="accept" class="consent-choice">
            {t.acceptAll}
          </button>
          <button type="submit" name="choice" value="reject" class="consent-choice">
            {t.rejectAll}
          </button>
          <button
            type="submit"
            name="choice"
            value="reject"
            class="consent-close"
            aria-label={t.close}
            title={t.close}
          >
            ×
          </button>
        </div>
      </PostForm>
    </section>
  );
}
