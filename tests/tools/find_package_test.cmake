# Installs this build into a fresh prefix, builds tests/tools/installed_project against it with
# find_package(interleave) and runs what that built, and the installed command line.
# (cmake -P, with BUILD_DIR, SOURCE_DIR, WORK, GENERATOR, CXX, BUILD_TYPE defined.)
function(run)
  cmake_parse_arguments(RUN "" "EXPECT;OUTPUT" "COMMAND" ${ARGN})
  execute_process(COMMAND ${RUN_COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT "${status}" STREQUAL "${RUN_EXPECT}")
    message(FATAL_ERROR "${RUN_COMMAND}: exit ${status}, expected ${RUN_EXPECT}\n${out}\n${err}")
  endif()
  if(RUN_OUTPUT)
    set(${RUN_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

function(expect_in text what)
  string(FIND "${text}" "${what}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "'${what}' not in:\n${text}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK})
run(EXPECT 0 COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/prefix)
run(EXPECT 0 COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/tools/installed_project -B ${WORK}/build
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    -DCMAKE_PREFIX_PATH=${WORK}/prefix -DUSER_CHECKS_SOURCE=${SOURCE_DIR}/tests/tools/user_checks.cpp)
run(EXPECT 0 COMMAND ${CMAKE_COMMAND} --build ${WORK}/build)

run(EXPECT 0 OUTPUT listed COMMAND ${WORK}/build/my_checks list)
expect_in("${listed}" "my_race")
expect_in("${listed}" "counter_race")  # (the built-ins come with it)
run(EXPECT 1 OUTPUT explored COMMAND ${WORK}/build/my_checks explore my_race)
expect_in("${explored}" "lost_update (4 executions): increment#2 wrote counter=1")
expect_in("${explored}" "replay: my_checks replay my_race --schedule v1.")
run(EXPECT 0 OUTPUT ran COMMAND ${WORK}/prefix/bin/interleave run counter_race)
expect_in("${ran}" "Valor final del contador: 1")

# Nothing installed points back into the source or build tree.
file(GLOB_RECURSE config ${WORK}/prefix/*.cmake)
foreach(file ${config})
  file(READ ${file} text)
  foreach(tree ${SOURCE_DIR} ${BUILD_DIR})
    string(FIND "${text}" "${tree}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${file} names ${tree}")
    endif()
  endforeach()
endforeach()
