/**
 * The "true" parameters of the synthetic portfolio: what a model, a roll-rate table or a collection
 * experiment run on the sample data should rediscover. Every number lives here so that the SQL
 * builders stay readable and a reviewer can see the whole data-generating process in one page.
 *
 * Units: rates are annual fractions (0.0345 = 3.45%), amounts are CNY, hazards are monthly logits.
 */

export const DEFAULT_LOANS = 50_000;
export const DEFAULT_MONTHS = 24;
export const DEFAULT_SEED = 20261125;
/** The last snapshot month: data look current when the workstation ships. */
export const DEFAULT_LAST_SNAPSHOT = '2026-10-31';

/** Accepted sizes. Two months is the least a month-on-month panel needs; ten years the most that stays practical. */
export const LIMITS = { minLoans: 1, maxLoans: 5_000_000, minMonths: 2, maxMonths: 120 } as const;

/** Oldest origination in the book (months before the first snapshot): long mortgages. */
export const MAX_SEASONING_MONTHS = 96;

// ---------------------------------------------------------------- portfolio mix

export const PRODUCT_MIX = [
  ['mortgage', 0.3],
  ['consumer', 0.3],
  ['credit_card', 0.3],
  ['small_business', 0.1],
] as const;

/** Regions with a small true risk effect each (logit), so regional league tables differ for a reason. */
export const REGIONS = [
  ['East', 0.3, -0.1],
  ['North', 0.2, 0.0],
  ['South', 0.22, -0.05],
  ['Central', 0.15, 0.1],
  ['West', 0.13, 0.2],
] as const;
export const BRANCHES_PER_REGION = 6;
/** Spread of the hidden branch effect (logit, uniform +-half): some branches underwrite worse. */
export const BRANCH_EFFECT_SPREAD = 0.3;

export const EMPLOYMENT = [
  // name, share (non-retired, non-small-business borrowers), median monthly income, risk (logit)
  ['salaried', 0.6, 11_000, 0.0],
  ['self_employed', 0.17, 14_000, 0.35],
  ['civil_servant', 0.13, 12_000, -0.45],
  ['other', 0.1, 7_000, 0.3],
  ['retired', 0, 6_000, 0.1],
] as const;
/** Small-business owners are mostly self-employed. */
export const SMALL_BUSINESS_EMPLOYMENT = [
  ['self_employed', 0.8],
  ['salaried', 0.1],
  ['other', 0.1],
] as const;

export const INDUSTRIES = [
  // name, share, risk (logit): cyclical, thin-margin trades default more
  ['manufacturing', 0.22, 0.05],
  ['wholesale_retail', 0.24, 0.15],
  ['construction', 0.12, 0.5],
  ['catering', 0.12, 0.45],
  ['transport', 0.1, 0.2],
  ['services', 0.14, 0.0],
  ['agriculture', 0.06, 0.3],
] as const;

export const TERMS = {
  mortgage: [
    [120, 0.1],
    [180, 0.15],
    [240, 0.3],
    [300, 0.2],
    [360, 0.25],
  ],
  consumer: [
    [12, 0.25],
    [24, 0.35],
    [36, 0.3],
    [60, 0.1],
  ],
  small_business: [
    [12, 0.2],
    [24, 0.25],
    [36, 0.3],
    [60, 0.25],
  ],
} as const;

/** Share of floating-rate loans: Chinese mortgages reprice on the LPR; cards are fixed APR. */
export const FLOATING_SHARE = { mortgage: 0.85, consumer: 0.1, credit_card: 0, small_business: 0.6 } as const;

/** Bureau score by product at origination: mean, standard deviation. */
export const SCORE = { mortgage: [725, 55], consumer: [670, 70], credit_card: [680, 70], small_business: [665, 65] } as const;
/** Applicants in a downturn are weaker: score shift at the trough of the cycle. */
export const DOWNTURN_SCORE_SHIFT = -20;

export const SEGMENT_BANDS = { prime: 700, nearPrime: 620 } as const;

/** Underwriting: term loans are sized so that DTI stays under a cap (with a few policy exceptions). */
export const AFFORDABILITY = { baseCap: 0.85, exceptionRange: 0.5, minAmount: 5_000 } as const;

/** Card annual percentage rate (fixed). */
export const CARD_APR = 0.1825;

// ---------------------------------------------------------------- delinquency onset (monthly hazard)

/** Monthly logit of falling behind, by product, before borrower and time effects. */
export const ONSET_BASE = { mortgage: -6.1, consumer: -4.6, credit_card: -4.3, small_business: -4.7 } as const;
/** Per bureau-score point above 680 (negative: better scores fall behind less). */
export const SCORE_SLOPE = -0.0125;
export const DTI_SLOPE = 1.6;
export const DTI_PIVOT = 0.45;
export const LTV_SLOPE = 1.5;
export const LTV_PIVOT = 0.6;
export const CARD_UTILISATION_SLOPE = 1.4;
export const CARD_TRANSACTOR_EFFECT = -0.4;
export const YOUNG_BORROWER_EFFECT = 0.25;
export const SENIOR_BORROWER_EFFECT = 0.1;
/** Unobserved heterogeneity: keeps models honest (AUC well above 0.5, never 1). */
export const FRAILTY_SD = 0.45;
/** Loans written in the downturn carry hidden extra risk (adverse selection, looser checks). */
export const DOWNTURN_VINTAGE_EFFECT = 0.6;
/** The macro factor at the trough adds this much to every borrower's monthly logit... */
export const MACRO_SENSITIVITY = 1.0;
/** ...and this much more for small businesses and the self-employed, whose income is cyclical. */
export const MACRO_SENSITIVITY_CYCLICAL = 0.5;
/**
 * Payment shock: for floating-rate loans the logit includes
 * (benchmark(t) - benchmark(origination)) * DTI * RATE_SENSITIVITY, so a benchmark rise hurts
 * stretched borrowers most (a 75 bp rise at DTI 0.8 adds 1.5 to the logit, at DTI 0.2 only 0.4).
 * Deliberately strong, so that stress tests on a 20,000-loan sample find it above the noise.
 */
export const RATE_SENSITIVITY = 250;
/** After curing, a borrower falls behind again more easily (re-default): added to the logit. */
export const REDEFAULT_EFFECT = 0.9;

/** Seasoning curve: few missed payments in the first months, a peak after about a year, then decline. */
export const SEASONING = { earlyDrop: 1.4, earlyMonths: 4, lateSlope: 0.008, lateFrom: 24 } as const;

/** Monthly probability of full prepayment (cards: account closure) while current. */
export const PREPAYMENT = { mortgage: 0.006, consumer: 0.012, credit_card: 0.004, small_business: 0.01 } as const;

// ---------------------------------------------------------------- delinquency episodes

/**
 * Monthly transition probabilities inside an episode, by stage (1 = 1-30 DPD ... 6 = 151-180 DPD):
 * roll (miss another payment), stay (pay one instalment, stay in the bucket), cure (pay the arrears).
 * Rolling out of stage 6 (180+ DPD) charges a card off and puts a term loan into workout (`WORKOUT`).
 * Later buckets roll forward more, as in real books:
 * about 20% of 1-30 rolls to 31-60, about 45% of 31-60 to 61-90, 60% of 61-90 to 90+.
 */
export const STAGES = [
  { roll: 0.2, stay: 0.1, cure: 0.7 },
  { roll: 0.45, stay: 0.15, cure: 0.4 },
  { roll: 0.6, stay: 0.15, cure: 0.25 },
  { roll: 0.72, stay: 0.15, cure: 0.13 },
  { roll: 0.8, stay: 0.12, cure: 0.08 },
  { roll: 0.85, stay: 0.1, cure: 0.05 },
] as const;
/** No stage lasts more than this many months (keeps charge-off near 180-270 days past due). */
export const MAX_MONTHS_IN_STAGE = 4;
/** Riskier borrowers roll forward more: logit shift per unit of onset risk. */
export const ROLL_RISK_SLOPE = 0.5;
/** Collections are harder in a downturn: logit shift of rolling forward at the trough. */
export const ROLL_DOWNTURN_EFFECT = 0.5;
/** Share of term-loan episodes that end in restructuring instead of cure, once they reached 61+ DPD... */
export const RESTRUCTURE_SHARE = 0.35;
/** ...that is stage 3 (61-90 DPD) or later. */
export const RESTRUCTURE_FROM_STAGE = 3;
/** A restructured loan is re-amortised over its remaining term plus this many months. */
export const RESTRUCTURE_EXTENSION_MONTHS = 12;

// ---------------------------------------------------------------- workout of non-performing term loans

/**
 * Chinese banks do not write retail term loans off at 180 days past due: once past 180 the loan is
 * called in and moved to workout (collection, litigation, for mortgages foreclosure and judicial
 * auction) and stays on book until the collateral is sold or a write-off (核销) is approved. That
 * is what fills the doubtful (271-360 DPD) and loss (over 360) tiers of the 2023 classification.
 * Cards keep the 180-day charge-off of the 2011 card measures, whose loss tier starts at 180.
 *
 * Months on book in workout, counted from the month the loan rolls past 180 DPD to the month it
 * leaves (uniform, both ends included). Mortgages take longest, as foreclosure needs a court
 * judgment and usually two auction rounds; small-business loans are often secured and litigated;
 * unsecured consumer loans are written off once collection is exhausted, typically within a year.
 * With these lengths every tier of the 2023 rules is populated at the last snapshot of a 20,000-loan,
 * 36-month sample: about 1% of the loans on book are over 360 DPD, 2% over 90. Loss is then about half
 * of the non-performing loans by count, more than at most banks, which write loss loans off faster.
 */
export const WORKOUT_MONTHS = {
  mortgage: [12, 36],
  small_business: [6, 24],
  consumer: [3, 15],
} as const;

/**
 * Months from a first missed payment until the loan rolls past 180 DPD, at the most: six stages of
 * one to four months each could take 24, but stays are rare (`STAGES`), so the roll takes 6 months
 * in 44% of episodes, 9 or fewer in 98% and more than 12 in 0.016%.
 */
export const ROLL_PAST_180_MONTHS = 12;

/**
 * How long a loan of `product` can stay on book after its first missed payment: the roll past 180
 * DPD plus the longest workout (cards are charged off then). Two things follow from it:
 * - episodes are simulated from this many months before the first snapshot (the burn-in), so the
 *   first snapshot already holds every loan in arrears or in workout then, with its true days past
 *   due: the steady-state stock, not one built up over the window's first years;
 * - term loans that matured up to this many months before the window are simulated too (see
 *   `preWindowCohorts`): those still in arrears or workout at the first snapshot are on book then.
 * Loans whose whole life, or whose charge-off, write-off or sale, falls before the first snapshot
 * have no panel rows and are not published, as in a bank's extract of the loans on book.
 */
export function arrearsHorizonMonths(product: string): number {
  const workout = WORKOUT_MONTHS[product as keyof typeof WORKOUT_MONTHS];
  return ROLL_PAST_180_MONTHS + (workout ? workout[1] : 0);
}

/** The longest burn-in, a mortgage's (12 months to roll past 180, up to 36 in workout): the onset's macro lists start there. */
export const BURN_IN_MONTHS = Math.max(...PRODUCT_MIX.map(([product]) => arrearsHorizonMonths(product)));

/**
 * While in workout nothing new falls due (the loan has been called in), so the balance is frozen at
 * the principal outstanding: no amortisation, no capitalised interest. In some months collection
 * or a court-ordered deduction recovers a small part of it, which reduces the balance.
 */
export const WORKOUT_RECOVERY = { monthlyChance: 0.15, minShare: 0.01, maxShare: 0.05 } as const;

/**
 * Most non-performing mortgages end in a judicial sale of the home; the rest are written off (a
 * failed auction, an occupied or disputed property). The sale fetches the collateral's appraised
 * value moved with house prices since origination, at a forced-sale discount: a first auction starts
 * at no less than 70% of appraisal and a second at 80% of the first. The bank recovers the sale
 * price up to the balance, so a low-LTV mortgage recovers in full and a high-LTV one loses part.
 */
export const FORECLOSURE = { saleShare: 0.8, discount: [0.5, 0.8] } as const;

// ---------------------------------------------------------------- collections experiment

export const ARMS = ['sms', 'phone', 'field_visit', 'legal_letter'] as const;
export type Arm = (typeof ARMS)[number];

/**
 * True effect of each arm: reduction of the logit of rolling forward (so more cures), by stage.
 * SMS is the baseline. A legal letter barely moves early arrears but works on 90+ cases.
 */
export function armCureEffect(arm: Arm, stage: number): number {
  switch (arm) {
    case 'sms':
      return 0;
    case 'phone':
      return 0.45;
    case 'field_visit':
      return 0.8;
    case 'legal_letter':
      return stage >= 4 ? 0.9 : 0.2;
  }
}

/** True effect of each arm on partial payments while still delinquent (share of the instalment). */
export function armPartialPayment(arm: Arm, stage: number): number {
  switch (arm) {
    case 'sms':
      return 0;
    case 'phone':
      return 0.05;
    case 'field_visit':
      return 0.1;
    case 'legal_letter':
      return stage >= 4 ? 0.6 : 0.05;
  }
}

/** Cost of one action (CNY), before a +-20% case-to-case variation. */
export const ARM_COST: Record<Arm, number> = { sms: 1.5, phone: 18, field_visit: 220, legal_letter: 480 };

/** Recovery and cure are measured over the two month-ends after a case opens (about 60 days). */
export const OUTCOME_WINDOW_MONTHS = 2;

// ---------------------------------------------------------------- loan outcomes (modelling base)

/** default_12m looks this many snapshots ahead of the observation date. */
export const OUTCOME_HORIZON_MONTHS = 12;
/** Days past due beyond which a loan counts as defaulted (the 90+ bucket). */
export const DEFAULT_DPD = 90;

// ---------------------------------------------------------------- macro path
// Shapes are functions of the position in the window (0 = first snapshot, 1 = last), so a 12- or a
// 60-month sample has the same story: a downturn in the first half, then the benchmark rate rises
// while the economy recovers. Each period before and after the rise is long enough (about ten of 24
// months) for the payment shock to be measured, and the two effects can be told apart.

/** The downturn factor is a bell curve in time: 1 at the trough, about 0 at both ends of the window. */
export const DOWNTURN = { centre: 0.35, width: 0.1 } as const;

export const BENCHMARK = {
  /** LPR-like level at the first snapshot. */
  start: 0.0345,
  /** Three 25 bp rises in the middle of the window, as the economy recovers: 3.45% -> 4.20%. */
  step: 0.0025,
  stepsAt: [0.5, 0.55, 0.6],
  /** Before the window the benchmark was higher, falling 5 bp every 6 months (4.25% eight years back). */
  historyStep: 0.0005,
  historyEveryMonths: 6,
} as const;

export const UNEMPLOYMENT = { base: 0.05, downturnRise: 0.016, noise: 0.0008 } as const;
export const GDP_GROWTH = { base: 0.052, downturnFall: 0.03, noise: 0.002 } as const;
/** House prices trend up slowly and fall about 9% through the downturn (a logistic step). */
export const HOUSE_PRICES = { monthlyTrend: 0.0015, downturnFall: 0.09, centre: 0.38, width: 0.05 } as const;
