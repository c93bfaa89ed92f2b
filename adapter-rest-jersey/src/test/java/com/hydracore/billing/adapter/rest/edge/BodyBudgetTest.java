package com.hydracore.billing.adapter.rest.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void bodiesAreTakenWhileTheyFitAndTheNextOneIsRefusedUntilOneIsGivenBack() {
        BodyBudget budget = new BodyBudget(1000);

        assertTrue(budget.take(600));
        assertTrue(budget.take(400));
        assertFalse(budget.take(1), "full");
        budget.give(400);
        assertTrue(budget.take(300));
        assertEquals(900, budget.held());
    }

    @Test
    void aBodyLargerThanTheWholeBudgetIsNeverTaken() {
        assertFalse(new BodyBudget(1000).take(1001));
    }
}
