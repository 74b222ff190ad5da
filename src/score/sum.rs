//! Compensated summation.
//!
//! Scores are means over up to millions of terms of very different sizes (a confident
//! miss costs 36 nats, a good forecast 1e-3); plain summation would let the big terms
//! swallow the small ones.

/// Running Neumaier sum: Kahan's compensation, but also correct when the next term is
/// larger than the running total.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NeumaierSum {
    sum: f64,
    compensation: f64,
}

impl NeumaierSum {
    pub(crate) fn add(&mut self, value: f64) {
        let total = self.sum + value;
        self.compensation += if self.sum.abs() >= value.abs() {
            (self.sum - total) + value
        } else {
            (value - total) + self.sum
        };
        self.sum = total;
    }

    pub(crate) fn total(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// Running compensated mean, for callers that gather several means in one pass.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NeumaierMean {
    sum: NeumaierSum,
    count: usize,
}

impl NeumaierMean {
    pub(crate) fn add(&mut self, value: f64) {
        self.sum.add(value);
        self.count += 1;
    }

    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// `None` for no values, so that no caller ever sees 0/0.
    pub(crate) fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum.total() / self.count as f64)
    }
}

/// Sum with Neumaier's compensated summation (Neumaier 1974).
pub fn neumaier_sum<I: IntoIterator<Item = f64>>(values: I) -> f64 {
    let mut acc = NeumaierSum::default();
    values.into_iter().for_each(|v| acc.add(v));
    acc.total()
}

/// Compensated mean; `None` for an empty input so that no caller ever sees 0/0.
pub(crate) fn neumaier_mean<I: IntoIterator<Item = f64>>(values: I) -> Option<f64> {
    let mut mean = NeumaierMean::default();
    values.into_iter().for_each(|v| mean.add(v));
    mean.mean()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn recovers_what_naive_summation_loses() {
        let values = [1e16, 1.0, -1e16];
        assert_eq!(values.iter().sum::<f64>(), 0.0);
        assert_eq!(neumaier_sum(values), 1.0);
    }

    #[test]
    fn handles_a_term_larger_than_the_running_total() {
        // Plain Kahan summation returns 0 here: the compensation is lost when 1e100
        // arrives after the 1.0.
        assert_eq!(neumaier_sum([1.0, 1e100, 1.0, -1e100]), 2.0);
    }

    #[test]
    fn sums_and_means_of_ordinary_values() {
        assert_eq!(neumaier_sum(std::iter::empty()), 0.0);
        assert_eq!(neumaier_sum([0.25, 0.5, 0.125]), 0.875);
        // 0.1 ten times: naive summation gives 0.9999999999999999.
        assert_eq!([0.1; 10].iter().sum::<f64>(), 0.9999999999999999);
        assert_eq!(neumaier_sum([0.1; 10]), 1.0);
        assert_eq!(neumaier_mean([0.1; 10]), Some(0.1));
        assert_eq!(neumaier_mean(std::iter::empty()), None);
    }

    /// Values `mantissa * 2^shift` whose exact sum fits an i128, so the true sum is known.
    fn exact_terms() -> impl Strategy<Value = Vec<(i64, u32)>> {
        prop::collection::vec((-(1i64 << 53)..(1i64 << 53), 0u32..60), 1..200)
    }

    proptest! {
        #[test]
        fn error_stays_within_the_neumaier_bound(terms in exact_terms()) {
            let values: Vec<f64> =
                terms.iter().map(|&(m, s)| m as f64 * 2f64.powi(s as i32)).collect();
            let exact: i128 = terms.iter().map(|&(m, s)| i128::from(m) << s).sum();
            let exact = exact as f64;
            let magnitude = neumaier_sum(values.iter().map(|v| v.abs()));
            let n = values.len() as f64;
            // Higham, Accuracy and Stability, §4.3: |error| <= u|S| + O(n u^2) sum|x|
            // with u = eps/2; the constants here are loose on purpose.
            let bound = f64::EPSILON * exact.abs() + n * f64::EPSILON * f64::EPSILON * magnitude;
            let error = (neumaier_sum(values.iter().copied()) - exact).abs();
            prop_assert!(error <= bound, "error {error} > bound {bound}");
        }

        #[test]
        fn small_terms_survive_a_huge_cancelling_pair(
            big in 1e12f64..1e18,
            ticks in prop::collection::vec(-(1i32 << 20)..(1i32 << 20), 1..50),
        ) {
            // Multiples of 2^-20 in (-1, 1): their own sum is exact, and every rounding
            // error against `big` is representable, so compensation must be exact too,
            // where naive summation keeps at most a multiple of ulp(big) >= 2^-13.
            let small: Vec<f64> =
                ticks.iter().map(|&t| f64::from(t) / f64::from(1 << 20)).collect();
            let exact: f64 = small.iter().sum();
            let mut values = vec![big];
            values.extend(&small);
            values.push(-big);
            prop_assert_eq!(neumaier_sum(values), exact);
        }
    }
}
