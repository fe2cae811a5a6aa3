import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';

/** `/hello/` and `/hello/:login`: the greeting is text, escaped like every value Preact renders. */
export function HelloPage({ ctx, login }: { readonly ctx: ViewContext; readonly login?: string }) {
  const greeting = login === undefined ? ctx.t.course.helloWorld : ctx.t.course.helloLogin(login);
  return (
    <Layout ctx={ctx} title={greeting}>
      <h1>{greeting}</h1>
    </Layout>
  );
}

/** The course's Halloween page: black background and a centred pumpkin, styled from app.css. */
export function HalloweenPage({ ctx }: { readonly ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.halloween.title} bodyClass="halloween">
      <figure class="pumpkin">
        <img src={ctx.staticUrl('img/pumpkin.svg')} alt="Jack O'Lantern" width="400" height="400" />
        <figcaption>
          <h1>{t.halloween.title}</h1>
          <p>{t.halloween.caption}</p>
        </figcaption>
      </figure>
    </Layout>
  );
}
