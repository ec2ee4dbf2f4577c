import type {ResourceInput} from '../inventory/model.js'
import {hex, pick} from '../util/random.js'
import type {App, DemoContext} from './context.js'

/** Hetzner and Scaleway: the first European workloads. */
export function addEuropean({random, push, tagsFor, size}: DemoContext): void {
  // ---------- Hetzner and Scaleway: the first European workloads ----------
  const web: App = {app: 'public-web', owner: 'web@nordwind.example', costCenter: 'CC-3100', classification: 'public'}
  {
    const tags = tagsFor(web)
    const network = push('hetzner/nordwind-web', {
      id: 'hetzner:network:2841733',
      provider: 'hetzner',
      type: 'hetzner:network',
      name: 'web-net',
      account: 'nordwind-web',
      region: 'eu-central',
      tags,
    })
    const servers: string[] = []
    for (let i = 1; i <= 16; i++) {
      const location = i % 2 ? 'fsn1' : 'nbg1'
      const id = `hetzner:server:${41_200_000 + i * 137}`
      servers.push(id)
      const volume = push('hetzner/nordwind-web', {
        id: `hetzner:volume:${100_800_00 + i}`,
        provider: 'hetzner',
        type: 'hetzner:volume',
        name: `web-${i}-data`,
        account: 'nordwind-web',
        region: location,
        tags,
        sizeGiB: pick(random, [50, 100, 200]),
        dependsOn: [id],
      })
      push('hetzner/nordwind-web', {
        id,
        provider: 'hetzner',
        type: 'hetzner:server',
        name: `web-${i}`,
        account: 'nordwind-web',
        region: location,
        tags,
        attributes: {serverType: pick(random, ['cx32', 'cpx31', 'ccx23']), image: 'debian-12'},
        dependsOn: [network],
      })
      void volume
    }
    push('hetzner/nordwind-web', {
      id: 'hetzner:load-balancer:1934412',
      provider: 'hetzner',
      type: 'hetzner:load-balancer',
      name: 'web-lb',
      account: 'nordwind-web',
      region: 'fsn1',
      tags,
      dependsOn: servers,
    })
    push('hetzner/nordwind-web', {
      id: 'hetzner:firewall:1402331',
      provider: 'hetzner',
      type: 'hetzner:firewall',
      name: 'web-fw',
      account: 'nordwind-web',
      region: 'global',
      tags,
    })
    push('hetzner/nordwind-web', {
      id: 'hetzner:certificate:884120',
      provider: 'hetzner',
      type: 'hetzner:certificate',
      name: 'www.nordwind.example',
      account: 'nordwind-web',
      region: 'global',
      tags,
    })
  }
  {
    const tags = tagsFor({
      app: 'document-archive',
      owner: 'records@nordwind.example',
      costCenter: 'CC-1400',
      classification: 'restricted',
    })
    const project = 'b2f5c0de-7a41-4c39-8d2e-5f1e0a9b3c77'
    const scw = (type: string, kind: string, name: string, region: string, extra: Partial<ResourceInput> = {}) =>
      push(`scaleway/${project}`, {
        id: `scaleway:${kind}:${region}/${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`,
        provider: 'scaleway',
        type,
        name,
        account: project,
        region,
        tags,
        ...extra,
      })
    const k8s = scw('scaleway:k8s-cluster', 'k8s-cluster', 'archive-kapsule', 'fr-par')
    const db = scw('scaleway:rdb-instance', 'rdb-instance', 'archive-pg', 'fr-par', {
      attributes: {engine: 'PostgreSQL-16'},
      sizeGiB: 150,
    })
    for (const b of ['archive-2019-2023', 'archive-current', 'scans-inbox'])
      scw('scaleway:object-bucket', 'object-bucket', b, 'fr-par', {sizeGiB: size(800, 9_000)})
    for (let i = 1; i <= 6; i++)
      scw('scaleway:instance-server', 'instance-server', `archive-ocr-${i}`, 'fr-par-2', {
        attributes: {commercialType: 'PRO2-S'},
        dependsOn: [db],
      })
    scw('scaleway:lb', 'lb', 'archive-lb', 'fr-par-1', {dependsOn: [k8s]})
    scw('scaleway:registry-namespace', 'registry-namespace', 'nordwind-archive', 'fr-par')
    scw('scaleway:private-network', 'private-network', 'archive-pn', 'fr-par')
  }
}
