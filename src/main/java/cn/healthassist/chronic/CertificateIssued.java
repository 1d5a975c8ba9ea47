package cn.healthassist.chronic;

/**
 * A certificate has just been issued, inside the engine's command that issued it. Published by
 * {@link IssueCertificateDelegate}; the follow-up of the certified patient (followup/FollowupStarter) starts on it,
 * so that the certificate does not need to know about follow-ups.
 */
public record CertificateIssued(Certificate certificate, String householdCategory) {
}
