// The 31 municipalities of the province of Limburg for `koers seed --size limburg` (issue #17).
// Source: docs/research/limburg-municipalities.md (CBS codes verified in two sources; inhabitants on
// 1 January 2023, each with its basis: V = a sourced figure, V-feb = 1 February 2023, C = computed from a
// sourced figure, E-backcast / E-residual = estimated as described there). The estimated rows are not
// official CBS figures; they only size the synthetic population.
// part: Zuid-, Midden- or Noord-Limburg (research note §1.1, "Regions"); South Limburg has the higher Wmo use.

export type PopulationBasis = 'V' | 'V-feb' | 'C' | 'E-backcast' | 'E-residual';
export type ProvincePart = 'zuid' | 'midden' | 'noord';

export interface ProvinceMunicipality {
  tenantId: string;
  /** The CBS name, e.g. 'Bergen (L.)'. */
  name: string;
  /** Inhabitants on 1 January 2023. */
  population: number;
  basis: PopulationBasis;
  part: ProvincePart;
}

/** The province total on 1 January 2023 (CBS 70072ned, [V2]); the rows add up to it. */
export const LIMBURG_POPULATION = 1_128_334;

/** Largest first; the order fixes each municipality's block of BSNs, so it must not change. */
export const limburgMunicipalities: readonly ProvinceMunicipality[] = [
  { tenantId: 'GM0935', name: 'Maastricht', population: 122_734, basis: 'V', part: 'zuid' },
  { tenantId: 'GM0983', name: 'Venlo', population: 103_311, basis: 'V-feb', part: 'noord' },
  { tenantId: 'GM1883', name: 'Sittard-Geleen', population: 92_228, basis: 'E-backcast', part: 'zuid' },
  { tenantId: 'GM0917', name: 'Heerlen', population: 87_107, basis: 'V', part: 'zuid' },
  { tenantId: 'GM0957', name: 'Roermond', population: 60_490, basis: 'E-backcast', part: 'midden' },
  { tenantId: 'GM0988', name: 'Weert', population: 49_865, basis: 'E-backcast', part: 'midden' },
  { tenantId: 'GM1894', name: 'Peel en Maas', population: 45_276, basis: 'V', part: 'noord' },
  { tenantId: 'GM0928', name: 'Kerkrade', population: 45_636, basis: 'V', part: 'zuid' },
  { tenantId: 'GM0984', name: 'Venray', population: 44_477, basis: 'E-backcast', part: 'noord' },
  { tenantId: 'GM1507', name: 'Horst aan de Maas', population: 43_735, basis: 'E-backcast', part: 'noord' },
  { tenantId: 'GM0882', name: 'Landgraaf', population: 37_882, basis: 'E-residual', part: 'zuid' },
  { tenantId: 'GM1640', name: 'Leudal', population: 35_852, basis: 'E-backcast', part: 'midden' },
  { tenantId: 'GM1954', name: 'Beekdaelen', population: 35_739, basis: 'E-backcast', part: 'zuid' },
  { tenantId: 'GM1711', name: 'Echt-Susteren', population: 31_904, basis: 'E-backcast', part: 'midden' },
  { tenantId: 'GM0899', name: 'Brunssum', population: 28_354, basis: 'E-residual', part: 'zuid' },
  { tenantId: 'GM1903', name: 'Eijsden-Margraten', population: 25_923, basis: 'E-backcast', part: 'zuid' },
  { tenantId: 'GM0971', name: 'Stein', population: 24_642, basis: 'E-backcast', part: 'zuid' },
  { tenantId: 'GM1641', name: 'Maasgouw', population: 24_302, basis: 'E-backcast', part: 'midden' },
  { tenantId: 'GM1669', name: 'Roerdalen', population: 20_717, basis: 'E-backcast', part: 'midden' },
  { tenantId: 'GM0938', name: 'Meerssen', population: 18_600, basis: 'V', part: 'zuid' },
  { tenantId: 'GM0907', name: 'Gennep', population: 17_714, basis: 'E-backcast', part: 'noord' },
  { tenantId: 'GM0946', name: 'Nederweert', population: 17_417, basis: 'E-backcast', part: 'midden' },
  { tenantId: 'GM0994', name: 'Valkenburg aan de Geul', population: 16_355, basis: 'E-backcast', part: 'zuid' },
  { tenantId: 'GM0888', name: 'Beek', population: 16_133, basis: 'V', part: 'zuid' },
  { tenantId: 'GM1729', name: 'Gulpen-Wittem', population: 13_996, basis: 'E-backcast', part: 'zuid' },
  { tenantId: 'GM0889', name: 'Beesel', population: 13_449, basis: 'C', part: 'noord' },
  { tenantId: 'GM0893', name: 'Bergen (L.)', population: 13_095, basis: 'E-backcast', part: 'noord' },
  { tenantId: 'GM0986', name: 'Voerendaal', population: 12_637, basis: 'E-residual', part: 'zuid' },
  { tenantId: 'GM0965', name: 'Simpelveld', population: 10_466, basis: 'E-residual', part: 'zuid' },
  { tenantId: 'GM0981', name: 'Vaals', population: 10_320, basis: 'E-residual', part: 'zuid' },
  { tenantId: 'GM0944', name: 'Mook en Middelaar', population: 7_978, basis: 'E-residual', part: 'noord' },
];
