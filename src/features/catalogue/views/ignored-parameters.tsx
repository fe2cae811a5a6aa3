import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../../../shared/schemas.js';
import type { ViewContext } from '../../../views/view-context.js';
import { catalogueMessages } from '../catalogue.messages.js';
import type { IgnoredParameter } from '../page-query.js';

/** A value typed into an address may be any length: the notice quotes its start. */
const QUOTED_LENGTH = 40;

const quoted = (typed: string): string =>
  typed.length > QUOTED_LENGTH ? `${typed.slice(0, QUOTED_LENGTH)}…` : typed;

/** What the visitor reads about one parameter that could not be used: no parameter names. */
function explanation(ctx: ViewContext, { name, typed }: IgnoredParameter): string {
  const t = catalogueMessages[ctx.lang].ignored;
  const text = quoted(typed);
  switch (name) {
    case 'sort':
    case 'order':
    case 'page':
    case 'category':
    case 'view':
      return t[name](text);
    case 'per_page':
      return t.per_page(text, String(MAX_PER_PAGE), String(DEFAULT_PER_PAGE));
    default:
      return t.other(text);
  }
}

interface IgnoredParametersProps {
  readonly ctx: ViewContext;
  readonly ignored: readonly IgnoredParameter[];
  /** The way back: the page without any parameter, and its link text. */
  readonly resetHref: string;
  readonly resetText: string;
}

/**
 * The list re-shown after a link it could not follow (a 400): what was
 * ignored and what is shown instead, in the visitor's language, focused on
 * load like a form's error summary, with a link to the plain list.
 */
export function IgnoredParameters({ ctx, ignored, resetHref, resetText }: IgnoredParametersProps) {
  if (ignored.length === 0) return null;
  const t = catalogueMessages[ctx.lang].ignored;
  // One focus target per page: a refused form carried here takes it.
  const focus = ctx.refusal === undefined;
  return (
    <div
      class="query-notice"
      role="alert"
      id="query-notice"
      tabIndex={-1}
      autofocus={focus || undefined}
    >
      <p>{t.heading}</p>
      <ul>
        {ignored.map((parameter) => (
          <li key={parameter.name}>{explanation(ctx, parameter)}</li>
        ))}
      </ul>
      <p>
        <a href={resetHref}>{resetText}</a>
      </p>
    </div>
  );
}
