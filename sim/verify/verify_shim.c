/* Loading a Verilated device (see verify_shim.h). */
#include "verify_shim.h"

#include <dlfcn.h>
#include <stdio.h>

int mg_verify_sim_open(const char *so_path, mg_verify_sim_api *api, char *err, size_t errlen)
{
    void *dl = dlopen(so_path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        snprintf(err, errlen, "cannot load %s: %s", so_path, dlerror());
        return -1;
    }
    *(void **)&api->sim_new = dlsym(dl, "mg_sim_new");
    *(void **)&api->sim_free = dlsym(dl, "mg_sim_free");
    *(void **)&api->in_words = dlsym(dl, "mg_sim_in_words");
    *(void **)&api->out_words = dlsym(dl, "mg_sim_out_words");
    *(void **)&api->eval = dlsym(dl, "mg_sim_eval");
    *(void **)&api->step = dlsym(dl, "mg_sim_step");
    *(void **)&api->cycle = dlsym(dl, "mg_sim_cycle");
    *(void **)&api->errors = dlsym(dl, "mg_sim_errors");
    if (!api->sim_new || !api->sim_free || !api->in_words || !api->out_words || !api->eval || !api->step ||
        !api->cycle || !api->errors) {
        snprintf(err, errlen, "%s lacks the mg_sim_* entry points (remove it to rebuild)", so_path);
        dlclose(dl);
        return -1;
    }
    return 0;
}
