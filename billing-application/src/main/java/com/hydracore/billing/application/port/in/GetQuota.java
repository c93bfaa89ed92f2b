package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.quota.AccountQuotas;

/** "How much may I still spend?" — every plan limit as a live quota (API §7); cheap: rollups and live holds only. */
public interface GetQuota {

    /** The quotas of {@code accountId} now, in contract order. */
    AccountQuotas quota(String accountId);
}
