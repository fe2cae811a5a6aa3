import { API_PREFIX } from '../../../shared/negotiation.js';
import { monsterPath, SITE_PATHS } from '../../../shared/site-paths.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { courseMessages } from '../course.messages.js';
import { HELLO_PATH, STATUS_PATH, TEAPOT_PATH, WHOIS_PATH } from '../course-paths.js';

/** The monster every slide shows. */
const PUMPKIN = { id: 666, category: 'curcubitaceous' } as const;
/** Where the guide lives in the repository: shown as text, it is no page of the site. */
const GUIDE_FILE = 'docs/course.md';

type CourseTexts = (typeof courseMessages)['en']['page'];

/** One route of the course: how to ask it (a link, or a command to type) and what it shows. */
interface CourseRoute {
  readonly request: string;
  readonly href?: string;
  readonly command?: string;
  readonly demonstrates: keyof Omit<
    CourseTexts,
    'title' | 'intro' | 'routesTitle' | 'guideTitle' | 'guide'
  >;
}

function courseRoutes(origin: string): readonly CourseRoute[] {
  const pumpkinPage = monsterPath(PUMPKIN);
  const pumpkinJson = `${API_PREFIX}${SITE_PATHS.monsters}/${PUMPKIN.id}`;
  return [
    { request: `GET ${STATUS_PATH}`, href: STATUS_PATH, demonstrates: 'status' },
    { request: `GET ${HELLO_PATH}`, href: HELLO_PATH, demonstrates: 'hello' },
    { request: `GET ${HELLO_PATH}<login>`, href: `${HELLO_PATH}Ada`, demonstrates: 'helloLogin' },
    {
      request: `GET ${WHOIS_PATH}?name=…`,
      href: `${WHOIS_PATH}?name=Ada`,
      demonstrates: 'whoisGet',
    },
    {
      request: `POST ${WHOIS_PATH}`,
      command: `curl -d name=Ada ${origin}${WHOIS_PATH}`,
      demonstrates: 'whoisPost',
    },
    { request: `GET ${TEAPOT_PATH}`, href: TEAPOT_PATH, demonstrates: 'teapot' },
    {
      request: `GET ${SITE_PATHS.halloween}`,
      href: SITE_PATHS.halloween,
      demonstrates: 'halloween',
    },
    {
      request: `GET ${pumpkinPage}`,
      href: pumpkinPage,
      command: `curl -H 'Accept: application/json' ${origin}${pumpkinPage}`,
      demonstrates: 'monsterPage',
    },
    { request: `GET ${pumpkinJson}`, href: pumpkinJson, demonstrates: 'monsterJson' },
    { request: `GET ${API_PREFIX}/docs`, href: `${API_PREFIX}/docs`, demonstrates: 'apiDocs' },
  ];
}

/** The course's routes, each with a line on what it demonstrates, and where the guide is. */
export function CourseIndexPage({
  ctx,
  origin,
}: {
  readonly ctx: ViewContext;
  readonly origin: string;
}) {
  const t = courseMessages[ctx.lang].page;
  return (
    <Layout ctx={ctx} title={t.title}>
      <div class="course-page">
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <section aria-labelledby="course-routes-title">
          <h2 id="course-routes-title">{t.routesTitle}</h2>
          <ul class="course-routes">
            {courseRoutes(origin).map((route) => (
              <li key={route.request}>
                <p class="course-request">
                  {route.href === undefined ? (
                    <code>{route.request}</code>
                  ) : (
                    <a href={route.href}>
                      <code>{route.request}</code>
                    </a>
                  )}
                </p>
                <p>{t[route.demonstrates]}</p>
                {route.command !== undefined && (
                  <pre class="course-command">
                    <code>{route.command}</code>
                  </pre>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="course-guide-title">
          <h2 id="course-guide-title">{t.guideTitle}</h2>
          <p>
            {t.guide} <code>{GUIDE_FILE}</code>
          </p>
        </section>
      </div>
    </Layout>
  );
}
