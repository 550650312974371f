/**
 * The licence notice of the shipped geolocation database (DB-IP, CC BY 4.0): shown wherever countries are
 * shown (tables with a country column, the IP page, the location module).
 */
import type { ReactNode } from 'react';

export function GeoAttribution(): ReactNode {
  return (
    <p className="attribution" data-testid="geo-attribution">
      <a href="https://db-ip.com" target="_blank" rel="noopener noreferrer">IP Geolocation by DB-IP</a>
    </p>
  );
}

/** Whether a row carries a country (a located address). */
export function hasCountry(row: Readonly<Record<string, unknown>> | undefined): boolean {
  if (row === undefined) return false;
  return 'countryCode' in row || 'country' in row || 'countryName' in row;
}
