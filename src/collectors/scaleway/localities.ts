/**
 * Scaleway's zones and regions. No Scaleway API lists them (the SDKs and Terraform's
 * scaleway_availability_zones keep them as constants), so this follows scaleway-sdk-go:
 * `AllZones`/`AllRegions` in scw/locality.go and each product API's `Zones()`/`Regions()`,
 * at commit 2c5cd81b052874a3bb1492a538cda3e701ed9502 (2026-08-20). it-mil-1 was added there on
 * 2026-02-23 (#2946). Check it again when Scaleway announces a new zone.
 */

export const PUBLIC_ZONES = [
  'fr-par-1',
  'fr-par-2',
  'fr-par-3',
  'nl-ams-1',
  'nl-ams-2',
  'nl-ams-3',
  'pl-waw-1',
  'pl-waw-2',
  'pl-waw-3',
  'it-mil-1',
]
export const PUBLIC_REGIONS = ['fr-par', 'nl-ams', 'pl-waw', 'it-mil']

const WITHOUT_MILAN = PUBLIC_ZONES.filter((zone) => zone !== 'it-mil-1')
const PAR_AMS_WAW = ['fr-par', 'nl-ams', 'pl-waw']

/**
 * Where the SDK says each product is offered. exitready still asks every scanned locality (a list
 * kept here may lag behind Scaleway), but a 400 or 404 from a locality outside this list means
 * "not offered here" and is noted, not counted as a failure.
 */
export const PRODUCT_LOCALITIES: Record<string, readonly string[]> = {
  instance: PUBLIC_ZONES,
  block: WITHOUT_MILAN,
  lb: ['fr-par-1', 'fr-par-2', 'nl-ams-1', 'nl-ams-2', 'nl-ams-3', 'pl-waw-1', 'pl-waw-2', 'pl-waw-3'],
  redis: ['fr-par-1', 'fr-par-2', 'nl-ams-1', 'nl-ams-2', 'pl-waw-1', 'pl-waw-2'],
  rdb: PAR_AMS_WAW,
  mongodb: ['fr-par'],
  k8s: PUBLIC_REGIONS,
  vpc: PUBLIC_REGIONS,
  registry: PAR_AMS_WAW,
  'secret-manager': PAR_AMS_WAW,
  functions: PAR_AMS_WAW,
  containers: PAR_AMS_WAW,
}
