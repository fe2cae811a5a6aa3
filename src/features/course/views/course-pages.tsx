import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { courseMessages } from '../course.messages.js';

/** `/hello/` and `/hello/:login`: the greeting is text, escaped like every value Preact renders. */
export function HelloPage({ ctx, login }: { readonly ctx: ViewContext; readonly login?: string }) {
  const t = courseMessages[ctx.lang];
  const greeting = login === undefined ? t.helloWorld : t.helloLogin(login);
  return (
    <Layout ctx={ctx} title={greeting}>
      <h1>{greeting}</h1>
    </Layout>
  );
}

/** The course's Halloween page: black background and a centred pumpkin, styled from app.css. */
export function HalloweenPage({ ctx }: { readonly ctx: ViewContext }) {
  const t = courseMessages[ctx.lang].halloween;
  return (
    <Layout ctx={ctx} title={t.title} bodyClass="halloween">
      <figure class="pumpkin">
        <img src={ctx.staticUrl('img/pumpkin.svg')} alt="Jack O'Lantern" width="400" height="400" />
        <figcaption>
          <h1>{t.title}</h1>
          <p>{t.caption}</p>
        </figcaption>
      </figure>
    </Layout>
  );
}
