package com.xiaoneng.demo.simulator;

/**
 * The shares that shape simulated traffic. Each is a probability per case (or per case that reached the
 * step in question), so the defaults read as "about this share of cases".
 *
 * @param withinRegionShare   疆内通办: accepted in another Xinjiang prefecture than the handling one
 * @param crossProvinceShare  跨省通办: accepted in another province
 * @param notAcceptedShare    不予受理
 * @param deficiencyShare     容缺受理 among accepted cases
 * @param correctedShare      deficiency acceptances corrected in time (the rest are revoked automatically)
 * @param suspensionShare     suspended once (higher for licences and adjudications)
 * @param extensionShare      extended once (items with a limit of 3+ working days)
 * @param lateShare           completed after the due date
 * @param deniedShare         DENIED among completions (FORWARDED and TERMINATED are a tenth of this each)
 * @param ratedShare          rated explicitly after completion; the others get the default rating
 * @param badShare            bad ratings (1–2) among explicit ratings of on-time cases; late cases 5 × as often
 * @param rectifiedShare      bad ratings rectified
 * @param lateRectifiedShare  rectifications after their due date
 * @param rectificationDays   working days the command side allows for a rectification
 * @param defaultRatingDays   working days after completion before the command side rates by default
 */
public record Profile(double withinRegionShare, double crossProvinceShare, double notAcceptedShare,
                      double deficiencyShare, double correctedShare, double suspensionShare, double extensionShare,
                      double lateShare, double deniedShare, double ratedShare, double badShare, double rectifiedShare,
                      double lateRectifiedShare, int rectificationDays, int defaultRatingDays) {

    public static final Profile DEFAULT = new Profile(0.06, 0.015, 0.02, 0.06, 0.8, 0.05, 0.03, 0.04, 0.05,
            0.75, 0.025, 0.9, 0.15, 15, 5);
}
