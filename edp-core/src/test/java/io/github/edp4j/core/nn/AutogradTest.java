package io.github.edp4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Autograd}'s stress setting: how the property's value is read. */
class AutogradTest {

    @Test
    void stressProbabilityReadsTrueAProbabilityOrOff() {
        assertEquals(0, Autograd.stressProbability(null));
        assertEquals(1, Autograd.stressProbability("true"));
        assertEquals(1, Autograd.stressProbability("TRUE"));
        assertEquals(0.25, Autograd.stressProbability("0.25"));
        assertEquals(1, Autograd.stressProbability("1"));
        assertEquals(0, Autograd.stressProbability("false"));
        assertEquals(0, Autograd.stressProbability("0"));
        assertEquals(0, Autograd.stressProbability("1.5"));
        assertEquals(0, Autograd.stressProbability("-0.5"));
        assertEquals(0, Autograd.stressProbability("often"));
    }
}
