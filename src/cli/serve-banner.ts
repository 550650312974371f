/**
 * @module cli/serve-banner
 * What `wiremeter serve` prints once it listens: the web UI to open in a browser, how to log in
 * (the generated admin password, shown only on the first start), a curl line, where the API is
 * described and how to stop. A pure function, so the wording is tested without a server.
 */

export interface BannerInfo {
  /** Base URL, e.g. https://127.0.0.1:8443 */
  readonly url: string;
  readonly dataDir: string;
  readonly tls: { readonly fingerprint256: string; readonly generated: boolean } | undefined;
  /** Set on the first start only. */
  readonly initialAdmin: { readonly user: string; readonly password: string; readonly generated: boolean } | undefined;
  /** The capture file being analysed into slot 0, if any. */
  readonly pcap: string | undefined;
  /** Interfaces analysed live into slot 0, if any. */
  readonly interfaces?: readonly string[];
  /** Where the live interfaces came from (default: the command line). */
  readonly liveOrigin?: 'command line' | 'settings';
  /** Saved interfaces not used because --interface was given. */
  readonly overriddenInterfaces?: readonly string[];
  readonly memoryBudgetMiB: number;
}

export function serveBanner(b: BannerInfo): string {
  const lines: string[] = [];
  lines.push(`wiremeter: serving ${b.url}/API (data in ${b.dataDir})`);
  if (b.tls) lines.push(`wiremeter: certificate SHA-256 ${b.tls.fingerprint256}${b.tls.generated ? ' (generated now)' : ''}`);
  if (b.pcap !== undefined) {
    lines.push(`wiremeter: analysing ${b.pcap} into slot 0 (memory budget ${b.memoryBudgetMiB} MiB); its statistics are served while it runs`);
  }
  if (b.interfaces !== undefined && b.interfaces.length > 0) {
    lines.push(`wiremeter: analysing live traffic of ${b.interfaces.join(', ')} into slot 0 (memory budget ${b.memoryBudgetMiB} MiB)`
      + (b.liveOrigin === 'settings' ? ' from the saved interface settings' : ''));
  }
  if (b.overriddenInterfaces !== undefined && b.overriddenInterfaces.length > 0) {
    lines.push(`wiremeter: the saved interface settings (${b.overriddenInterfaces.join(', ')}) are not used: --interface wins`);
  }
  let login: string;
  let password = 'PASSWORD';
  const admin = b.initialAdmin;
  if (admin?.generated) {
    password = admin.password;
    login = `user admin, password ${admin.password}\n`
      + '            (generated now and shown only this once; change it with PUT /API/system/password)';
  } else if (admin) {
    login = "user admin, with the password in WIREMETER_ADMIN_PASSWORD (set now)";
  } else {
    login = `the users of ${b.dataDir}/wiremeter.db (admin: the password printed on the first start;\n`
      + '            forgotten? stop, delete that file, start again)';
  }
  const api = `${b.url}/API`;
  lines.push(
    '',
    `  Open      ${b.url}/   (the web UI${b.tls ? '; self-signed certificate: accept the warning' : ''})`,
    `  Log in    ${login}`,
    `  Try       curl -k -u admin:${password} '${api}/stats/modules/ip/ips_paged?sort=bytes&reverse=true&count=5'`,
    `  API       ${api}/openapi.json   (OPTIONS on any /API path lists what is below it)`,
    '  Stop      Ctrl+C',
    '',
  );
  return lines.join('\n') + '\n';
}
