package com.xiaoneng.command.catalog;

import com.xiaoneng.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Also shows that a context with other properties gets a database of its own. */
@CommandSideTest(properties = "xiaoneng.catalog.seed-sample=false")
class SampleCatalogSwitchedOffTest {
    @Autowired
    JdbcServiceCatalog catalog;
    @Autowired
    ApplicationContext context;

    @Test
    void noSampleIsLoadedWhenSwitchedOff() {
        assertThat(context.getBeanNamesForType(SampleCatalogSeeder.class)).isEmpty();
        assertThat(catalog.isEmpty()).isTrue();
    }
}
