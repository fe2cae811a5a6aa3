import { Layout } from '../../views/layout.js';
import { ScrollRegion } from '../../views/scroll-region.js';
import type { ViewContext } from '../../views/view-context.js';
import {
  INSPECTOR_PATH,
  type InspectedRequest,
  type SessionSnapshot,
  type SetCookie,
} from './inspected-request.js';

const ms = (value: number) => `${value.toFixed(1)} ms`;
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The list of the last requests, newest first (debug mode only; English, as the logs). */
export function InspectedRequestsPage({
  ctx,
  requests,
}: {
  readonly ctx: ViewContext;
  readonly requests: readonly InspectedRequest[];
}) {
  return (
    <Layout ctx={ctx} title="Request inspector">
      <h1>Request inspector</h1>
      <p>
        The last {requests.length} requests, newest first (at most 50). The same as JSON:{' '}
        <code>curl http://127.0.0.1:5000{INSPECTOR_PATH}</code>.
      </p>
      <ScrollRegion labelledBy="inspector-requests" class="inspector">
        <table>
          <caption id="inspector-requests">Requests</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">SQL</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id}>
                <th scope="row">
                  <a href={`${INSPECTOR_PATH}/${request.id}`}>
                    {request.method} {request.url}
                  </a>
                </th>
                <td>{request.status}</td>
                <td>{ms(request.durationMs)}</td>
                <td>{request.queries.length}</td>
                <td>{request.startedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Layout>
  );
}

function NameValueTable({
  id,
  caption,
  rows,
}: {
  readonly id: string;
  readonly caption: string;
  readonly rows: readonly (readonly [string, string])[];
}) {
  return (
    <ScrollRegion labelledBy={id} class="inspector">
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <code>{value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function attributesOf(cookie: SetCookie): string {
  return Object.entries(cookie.attributes)
    .map(([name, value]) => (value === true ? name : `${name}=${value}`))
    .join('; ');
}

function CookiesSetTable({ cookies }: { readonly cookies: readonly SetCookie[] }) {
  return (
    <ScrollRegion labelledBy="inspector-cookies-set" class="inspector">
      <table>
        <caption id="inspector-cookies-set">Cookies set (Set-Cookie)</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Attributes</th>
          </tr>
        </thead>
        <tbody>
          {cookies.map((cookie, index) => (
            <tr key={index}>
              <th scope="row">{cookie.name}</th>
              <td>
                <code>{cookie.value}</code>
              </td>
              <td>{attributesOf(cookie)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SessionSection({
  title,
  snapshot,
}: {
  readonly title: string;
  readonly snapshot: SessionSnapshot | null;
}) {
  return (
    <section class="inspector-session">
      <h3>{title}</h3>
      {snapshot === null ? (
        <p>No session cookie.</p>
      ) : snapshot.store === 'database' ? (
        <dl>
          <dt>Token (the cookie’s value)</dt>
          <dd>
            <code>{snapshot.token}</code>
          </dd>
          <dt>Row id: SHA-256 of the token</dt>
          <dd>
            <code>{snapshot.rowId}</code>
          </dd>
          <dt>
            The <code>sessions</code> row as stored
          </dt>
          <dd>
            <pre>{snapshot.row === null ? 'no such row' : json(snapshot.row)}</pre>
          </dd>
        </dl>
      ) : (
        <dl>
          <dt>Cookie size</dt>
          <dd>
            {snapshot.cookieBytes} of {snapshot.limitBytes} bytes
          </dd>
          <dt>Decrypted payload</dt>
          <dd>
            <pre>{snapshot.payload === null ? 'does not open' : json(snapshot.payload)}</pre>
          </dd>
        </dl>
      )}
    </section>
  );
}

/** Everything the inspector kept about one request. */
export function InspectedRequestPage({
  ctx,
  request,
}: {
  readonly ctx: ViewContext;
  readonly request: InspectedRequest;
}) {
  const title = `${request.method} ${request.url}`;
  return (
    <Layout ctx={ctx} title={`Inspector: ${title}`}>
      <p>
        <a href={INSPECTOR_PATH}>All requests</a>
      </p>
      <h1 class="inspector-title">{title}</h1>
      <dl>
        <dt>Status</dt>
        <dd>{request.status}</dd>
        <dt>Duration</dt>
        <dd>{ms(request.durationMs)}</dd>
        <dt>Started</dt>
        <dd>{request.startedAt}</dd>
        <dt>Consent</dt>
        <dd>
          {request.consent.decided
            ? `decided: preferences ${request.consent.preferences ? 'yes' : 'no'}, statistics ${request.consent.statistics ? 'yes' : 'no'}`
            : 'not decided (the banner shows)'}
        </dd>
      </dl>
      <h2>Headers</h2>
      <NameValueTable
        id="inspector-request-headers"
        caption="Request headers"
        rows={Object.entries(request.requestHeaders)}
      />
      <NameValueTable
        id="inspector-response-headers"
        caption="Response headers"
        rows={Object.entries(request.responseHeaders)}
      />
      <h2>Cookies</h2>
      <NameValueTable
        id="inspector-cookies-received"
        caption="Cookies received"
        rows={request.cookiesReceived.map((cookie) => [cookie.name, cookie.value] as const)}
      />
      <CookiesSetTable cookies={request.cookiesSet} />
      <h2>Session</h2>
      <SessionSection title="Before" snapshot={request.sessionBefore} />
      <SessionSection title="After" snapshot={request.sessionAfter} />
      <h2>SQL ({request.queries.length})</h2>
      <ScrollRegion labelledBy="inspector-sql" class="inspector">
        <table>
          <caption id="inspector-sql">Statements, in order</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">SQL</th>
              <th scope="col">Bound values</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {request.queries.map((query, index) => (
              <tr key={index}>
                <th scope="row">{index + 1}</th>
                <td>
                  <code>{query.sql}</code>
                  {query.error !== null && <p>Failed: {query.error}</p>}
                </td>
                <td>
                  <code>{JSON.stringify(query.parameters)}</code>
                </td>
                <td>{ms(query.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Layout>
  );
}
