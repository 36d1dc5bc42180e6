/**
 * The AI industry chain (产业链): how many organisations sit on each of its three layers
 * (基础层 foundation, 技术层 technology, 应用层 application), and which layers are thin or
 * missing (补链). Pure: sector lists and the sector → layer mapping in, counts out.
 */
import { CHAIN_LAYERS, type ChainLayerId } from '../schemas/industry-chain.ts';

export type ReferenceShares = Record<ChainLayerId, number>;

/** A layer is thin when its share is under this fraction of the national reference share. */
export const THIN_FRACTION = 0.5;

export const CHAIN_RULE = {
  en: `an organisation counts once on every layer one of its sectors sits on; a layer is missing when no organisation sits on it, and thin when its share of the organisations on any layer is under ${THIN_FRACTION * 100}% of the national share of AI enterprises on that layer (2019 report: foundation 2.8%, technology 22.0%, application 75.2%)`,
  zh: `一个机构在其行业所在的每一层各计一次；某层没有机构即为“缺失”，其占比低于全国人工智能企业在该层占比（2019 年报告：基础层 2.8%、技术层 22.0%、应用层 75.2%）的 ${THIN_FRACTION * 100}% 即为“薄弱”`
} as const;

export interface LayerCount {
  layer: ChainLayerId;
  count: number;
  share: number | null;
  reference_share: number;
  status: 'present' | 'thin' | 'missing';
}

export interface ChainProfile {
  total: number;
  layers: LayerCount[];
  gaps: ChainLayerId[];
}

/** Counts organisations per chain layer and marks thin and missing layers. */
export function chainProfile(sectorLists: Iterable<readonly string[]>, layerOf: ReadonlyMap<string, ChainLayerId>, reference: ReferenceShares): ChainProfile {
  const counts: Record<ChainLayerId, number> = { foundation: 0, technology: 0, application: 0 };
  let total = 0;
  for (const sectors of sectorLists) {
    const on = new Set<ChainLayerId>();
    for (const s of sectors) {
      const layer = layerOf.get(s);
      if (layer) on.add(layer);
    }
    if (on.size === 0) continue;
    total++;
    for (const layer of on) counts[layer]++;
  }
  const layers = CHAIN_LAYERS.map((layer): LayerCount => {
    const count = counts[layer];
    const share = total === 0 ? null : count / total;
    const status = count === 0 ? 'missing' : share! < THIN_FRACTION * reference[layer] ? 'thin' : 'present';
    return { layer, count, share: share === null ? null : Math.round(share * 1000) / 1000, reference_share: reference[layer], status };
  });
  return { total, layers, gaps: layers.filter((l) => l.status !== 'present').map((l) => l.layer) };
}
