// mg_fmac: the LBA MAC step (docs/spec/operations.md section 3):
//   Fused = 0: res = Q_acc(Q_prod(w * a) + acc)   (mg_fmul, then the adder)
//   Fused = 1: res = Q_acc(w * a + acc)           (exact product into the adder)
// Both roundings use the same rand_i.  flags_o ORs the flags of both
// roundings; events_o = {swamping, underflow, overflow} (mg_events).
//
// Pipe = 0 is combinational (clk_i unused).  Pipe = N > 0 inserts N register
// stages (mg_pipe_reg, no reset) and gives the same outputs N cycles later.
// The cut points:
//   prod: between the product and the addition.  Unfused: after the
//         product's rounding and packing; fused: after the exact product is
//         normalised (and the accumulator unpacked).
//   mid:  inside the adder, between the alignment and the addition
//         (mg_fadd_core's Cut).
//   sum:  between the exact sum (add, normalise) and the accumulator
//         rounding (mg_round_pack).
//   out:  Pipe - (cuts used) stages on the outputs (result, flags, events),
//         for a synthesis tool to retime into the logic.
// Which cuts a Pipe uses depends on where the delay is (measured with OSU
// 0.18um and OpenSTA, docs/rtl_units.md).  The adder dominates unless the
// unfused product must be rounded (RoundProd: lba8 x lba8 into lba12's
// product format, fp32 x fp32), and a single cut splits the MAC in half
// after the product only when that product is also wide (WideProd: 16 x 16
// bits or more, fp32):
//   Pipe = 1: mid (WideProd: prod)
//   Pipe = 2: mid, sum (RoundProd: prod, mid)
//   Pipe >= 3: prod, mid, sum, then Pipe - 3 output stages.
// Every signal a later stage needs (acc_i for the events, rand_i, the
// product's flags) travels through the same cuts.
`default_nettype none

module mg_fmac #(
  parameter integer ExpBitsW = 3, FracBitsW = 4, BiasW = 3, SpecialsW = 2, SubW = 0,
  parameter integer ExpBitsA = 3, FracBitsA = 4, BiasA = 3, SpecialsA = 2, SubA = 0,
  parameter integer ExpBitsP = 4, FracBitsP = 7, BiasP = 7, SpecialsP = 2, SubP = 0,
  parameter integer ExpBitsC = 4, FracBitsC = 7, BiasC = 7, SpecialsC = 2, SubC = 0,
  parameter integer Fused    = 0,
  parameter integer Mode     = 0,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits    = 1,
  parameter integer OvfSat   = 0,
  parameter integer NormP    = 0,  // unfused: normalise a subnormal product before aligning
  parameter integer NormC    = 0,  // unfused: normalise a subnormal accumulator before aligning
  parameter integer Pipe     = 0,  // register stages (see the cut points above)
  parameter integer ExpWidth = 12
) (
  input  wire                        clk_i,  // used only when Pipe > 0
  input  wire [ExpBitsW+FracBitsW:0] w_i,
  input  wire [ExpBitsA+FracBitsA:0] a_i,
  input  wire [ExpBitsC+FracBitsC:0] acc_i,
  input  wire [RBits-1:0]            rand_i,
  output wire [ExpBitsC+FracBitsC:0] res_o,
  output wire [4:0]                  flags_o,
  output wire [2:0]                  events_o
);
  // The unfused product is rounded (its exact significand is wider than
  // Q_prod's), and it is a wide one (16 x 16 bits or more).
  localparam integer RoundProd = (Fused == 0 && FracBitsW + FracBitsA + 2 > FracBitsP + 1) ? 1 : 0;
  localparam integer WideProd  = (RoundProd == 1 && (FracBitsW + 1) * (FracBitsA + 1) >= 256) ? 1 : 0;
  localparam integer Cut1   = (Pipe >= 3 || (Pipe == 2 && RoundProd == 1) || (Pipe == 1 && WideProd == 1)) ? 1 : 0;
  localparam integer CutMid = (Pipe >= 2 || WideProd == 0) && Pipe >= 1 ? 1 : 0;
  localparam integer Cut2   = (Pipe >= 3 || (Pipe == 2 && RoundProd == 0)) ? 1 : 0;
  localparam integer Cut3   = Pipe - Cut1 - CutMid - Cut2;                      // out
  localparam integer AccW   = ExpBitsC + FracBitsC + 1;
  localparam integer WidthC = FracBitsC + 1;
  localparam integer RoundNeed = FracBitsC + RBits + 5;

  // What the last stage hands to the events logic, aligned with the result.
  wire [AccW-1:0] res_c;
  wire [4:0]      all_flags_c, acc_flags_c;
  wire [AccW-1:0] acc_c;
  wire            live_c, lost_c;

  generate
    if (Fused == 0) begin : gen_two_roundings
      localparam integer WidthP   = FracBitsP + 1;
      localparam integer WidestIn = (WidthP > WidthC) ? WidthP : WidthC;
      localparam integer SumWidth = (WidestIn > RoundNeed) ? WidestIn + 1 : RoundNeed + 1;
      localparam integer ProdW    = ExpBitsP + FracBitsP + 1;
      localparam integer Cut1W    = ProdW + 5 + AccW + RBits + 2;
      localparam integer Cut2W    = 1 + ExpWidth + SumWidth + 1 + 4 + 5 + AccW + RBits + 2;

      wire [ProdW-1:0] prod;
      wire [4:0]       prod_flags;
      mg_fmul #(
        .ExpBitsA (ExpBitsW), .FracBitsA (FracBitsW), .BiasA (BiasW), .SpecialsA (SpecialsW), .SubA (SubW),
        .ExpBitsB (ExpBitsA), .FracBitsB (FracBitsA), .BiasB (BiasA), .SpecialsB (SpecialsA), .SubB (SubA),
        .ExpBitsO (ExpBitsP), .FracBitsO (FracBitsP), .BiasO (BiasP), .SpecialsO (SpecialsP), .SubO (SubP),
        .Mode (Mode), .RBits (RBits), .OvfSat (OvfSat), .ExpWidth (ExpWidth)
      ) u_fmul (
        .a_i (w_i), .b_i (a_i), .rand_i (rand_i), .res_o (prod), .flags_o (prod_flags)
      );

      // Class of the rounded product, for the events.
      wire                p_sign, p_zero, p_inf, p_nan, p_snan;
      wire [ExpWidth-1:0] p_exp;
      wire [FracBitsP:0]  p_sig;
      mg_unpack #(
        .ExpBits (ExpBitsP), .FracBits (FracBitsP), .Bias (BiasP), .Specials (SpecialsP),
        .Subnormals (SubP), .ExpWidth (ExpWidth)
      ) u_unpack_prod (
        .x_i (prod), .sign_o (p_sign), .exp_o (p_exp), .sig_o (p_sig),
        .zero_o (p_zero), .inf_o (p_inf), .nan_o (p_nan), .snan_o (p_snan)
      );
      wire live = ~p_zero & ~p_inf & ~p_nan;
      wire lost = prod_flags[1] & p_zero;
      wire unused_ok = &{1'b0, p_sign, p_exp, p_sig, p_snan, 1'b0};

      // ---- The prod cut.
      wire [ProdW-1:0] prod_1;
      wire [4:0]       prod_flags_1;
      wire [AccW-1:0]  acc_1;
      wire [RBits-1:0] rand_1;
      wire             live_1, lost_1;
      mg_pipe_reg #(.Width (Cut1W), .Stages (Cut1)) u_cut1 (
        .clk_i (clk_i),
        .d_i   ({prod, prod_flags, acc_i, rand_i, live, lost}),
        .q_o   ({prod_1, prod_flags_1, acc_1, rand_1, live_1, lost_1})
      );

      wire                sum_sign, sum_zero, sum_inf, sum_nan, sum_invalid;
      wire [ExpWidth-1:0] sum_exp;
      wire [SumWidth:0]   sum_sig;
      mg_fadd_front #(
        .ExpBitsA (ExpBitsP), .FracBitsA (FracBitsP), .BiasA (BiasP), .SpecialsA (SpecialsP), .SubA (SubP),
        .ExpBitsB (ExpBitsC), .FracBitsB (FracBitsC), .BiasB (BiasC), .SpecialsB (SpecialsC), .SubB (SubC),
        .NormA (NormP), .NormB (NormC), .SumWidth (SumWidth), .ExpWidth (ExpWidth), .Cut (CutMid)
      ) u_front (
        .clk_i (clk_i), .a_i (prod_1), .b_i (acc_1), .sign_o (sum_sign), .exp_o (sum_exp), .sig_o (sum_sig),
        .zero_o (sum_zero), .inf_o (sum_inf), .nan_o (sum_nan), .invalid_o (sum_invalid)
      );

      // ---- The mid cut (inside u_front): what travels beside the adder.
      wire [4:0]       prod_flags_m;
      wire [AccW-1:0]  acc_m;
      wire [RBits-1:0] rand_m;
      wire             live_m, lost_m;
      mg_pipe_reg #(.Width (5 + AccW + RBits + 2), .Stages (CutMid)) u_cut_mid (
        .clk_i (clk_i),
        .d_i   ({prod_flags_1, acc_1, rand_1, live_1, lost_1}),
        .q_o   ({prod_flags_m, acc_m, rand_m, live_m, lost_m})
      );

      // ---- The sum cut.
      wire                sum_sign_2, sum_zero_2, sum_inf_2, sum_nan_2, sum_invalid_2;
      wire [ExpWidth-1:0] sum_exp_2;
      wire [SumWidth:0]   sum_sig_2;
      wire [4:0]          prod_flags_2;
      wire [RBits-1:0]    rand_2;
      mg_pipe_reg #(.Width (Cut2W), .Stages (Cut2)) u_cut2 (
        .clk_i (clk_i),
        .d_i   ({sum_sign, sum_exp, sum_sig, sum_zero, sum_inf, sum_nan, sum_invalid,
                 prod_flags_m, acc_m, rand_m, live_m, lost_m}),
        .q_o   ({sum_sign_2, sum_exp_2, sum_sig_2, sum_zero_2, sum_inf_2, sum_nan_2, sum_invalid_2,
                 prod_flags_2, acc_c, rand_2, live_c, lost_c})
      );

      mg_round_pack #(
        .InWidth (SumWidth + 1), .ExpWidth (ExpWidth), .ExpBits (ExpBitsC), .FracBits (FracBitsC),
        .Bias (BiasC), .Specials (SpecialsC), .Sub (SubC), .Mode (Mode), .RBits (RBits),
        .OvfSat (OvfSat)
      ) u_round_pack (
        .sign_i (sum_sign_2), .exp_i (sum_exp_2), .sig_i (sum_sig_2), .zero_i (sum_zero_2),
        .inf_i (sum_inf_2), .nan_i (sum_nan_2), .invalid_i (sum_invalid_2), .rand_i (rand_2),
        .res_o (res_c), .flags_o (acc_flags_c)
      );
      assign all_flags_c = prod_flags_2 | acc_flags_c;
    end else begin : gen_fused
      localparam integer ProdWidth  = FracBitsW + FracBitsA + 2;
      localparam integer WidestIn   = (ProdWidth > WidthC) ? ProdWidth : WidthC;
      localparam integer SumWidth   = (WidestIn > RoundNeed) ? WidestIn + 1 : RoundNeed + 1;
      localparam integer Cut1W      = 1 + ExpWidth + ProdWidth + 4 + 1 + ExpWidth + WidthC + 4 + AccW + RBits;
      localparam integer Cut2W      = 1 + ExpWidth + SumWidth + 1 + 4 + AccW + RBits + 1;

      // ---- Exact product, its leading one in the top two bits.
      wire                 prod_sign, prod_zero, prod_inf, prod_nan, prod_inv;
      wire [ExpWidth-1:0]  prod_exp;
      wire [ProdWidth-1:0] prod_sig;
      mg_fmul_front #(
        .ExpBitsA (ExpBitsW), .FracBitsA (FracBitsW), .BiasA (BiasW), .SpecialsA (SpecialsW), .SubA (SubW),
        .ExpBitsB (ExpBitsA), .FracBitsB (FracBitsA), .BiasB (BiasA), .SpecialsB (SpecialsA), .SubB (SubA),
        .FineNorm (0), .ExpWidth (ExpWidth)
      ) u_fmul_front (
        .a_i (w_i), .b_i (a_i), .sign_o (prod_sign), .exp_o (prod_exp), .sig_o (prod_sig),
        .zero_o (prod_zero), .inf_o (prod_inf), .nan_o (prod_nan), .invalid_o (prod_inv)
      );

      wire                sign_c, zero_c, inf_c, nan_c, snan_c;
      wire [ExpWidth-1:0] exp_c;
      wire [FracBitsC:0]  sig_c;
      mg_unpack #(
        .ExpBits (ExpBitsC), .FracBits (FracBitsC), .Bias (BiasC), .Specials (SpecialsC),
        .Subnormals (SubC), .ExpWidth (ExpWidth)
      ) u_unpack_acc (
        .x_i (acc_i), .sign_o (sign_c), .exp_o (exp_c), .sig_o (sig_c),
        .zero_o (zero_c), .inf_o (inf_c), .nan_o (nan_c), .snan_o (snan_c)
      );

      // ---- The accumulator is aligned as it is, a subnormal one unnormalised
      // (NormC is not needed here): its format is the result's, so when a
      // subnormal accumulator is the larger operand the result lies on the
      // subnormal grid 2^(emin - FracBitsC), and the SumWidth bits below
      // its nominal exponent emin reach below that grid's guard bits; the
      // bits shifted out of the product only feed the sticky bit.
      wire [ExpWidth-1:0] exp_cn = exp_c;
      wire [FracBitsC:0]  sig_cn = sig_c;

      // ---- The prod cut.
      wire                 p_sign_1, p_zero_1, p_inf_1, p_nan_1, p_inv_1;
      wire [ExpWidth-1:0]  p_exp_1;
      wire [ProdWidth-1:0] p_sig_1;
      wire                 c_sign_1, c_zero_1, c_inf_1, c_nan_1, c_snan_1;
      wire [ExpWidth-1:0]  c_exp_1;
      wire [FracBitsC:0]   c_sig_1;
      wire [AccW-1:0]      acc_1;
      wire [RBits-1:0]     rand_1;
      mg_pipe_reg #(.Width (Cut1W), .Stages (Cut1)) u_cut1 (
        .clk_i (clk_i),
        .d_i   ({prod_sign, prod_exp, prod_sig, prod_zero, prod_inf, prod_nan, prod_inv,
                 sign_c, exp_cn, sig_cn, zero_c, inf_c, nan_c, snan_c, acc_i, rand_i}),
        .q_o   ({p_sign_1, p_exp_1, p_sig_1, p_zero_1, p_inf_1, p_nan_1, p_inv_1,
                 c_sign_1, c_exp_1, c_sig_1, c_zero_1, c_inf_1, c_nan_1, c_snan_1, acc_1, rand_1})
      );

      wire                sum_sign, sum_zero, sum_inf, sum_nan, sum_invalid;
      wire [ExpWidth-1:0] sum_exp;
      wire [SumWidth:0]   sum_sig;
      mg_fadd_core #(
        .WidthA (ProdWidth), .WidthB (WidthC), .SumWidth (SumWidth), .ExpWidth (ExpWidth), .Cut (CutMid)
      ) u_fadd_core (
        .clk_i (clk_i), .sign_a_i (p_sign_1), .exp_a_i (p_exp_1), .sig_a_i (p_sig_1),
        .zero_a_i (p_zero_1), .inf_a_i (p_inf_1), .nan_a_i (p_nan_1), .invalid_a_i (p_inv_1),
        .sign_b_i (c_sign_1), .exp_b_i (c_exp_1), .sig_b_i (c_sig_1), .zero_b_i (c_zero_1),
        .inf_b_i (c_inf_1), .nan_b_i (c_nan_1), .invalid_b_i (c_snan_1),
        .sign_o (sum_sign), .exp_o (sum_exp), .sig_o (sum_sig), .zero_o (sum_zero),
        .inf_o (sum_inf), .nan_o (sum_nan), .invalid_o (sum_invalid)
      );

      // ---- The mid cut (inside u_fadd_core): what travels beside the adder.
      wire [AccW-1:0]  acc_m;
      wire [RBits-1:0] rand_m;
      wire             live_m;
      mg_pipe_reg #(.Width (AccW + RBits + 1), .Stages (CutMid)) u_cut_mid (
        .clk_i (clk_i),
        .d_i   ({acc_1, rand_1, ~p_zero_1 & ~p_inf_1 & ~p_nan_1}),
        .q_o   ({acc_m, rand_m, live_m})
      );

      // ---- The sum cut.
      wire                sum_sign_2, sum_zero_2, sum_inf_2, sum_nan_2, sum_invalid_2;
      wire [ExpWidth-1:0] sum_exp_2;
      wire [SumWidth:0]   sum_sig_2;
      wire [RBits-1:0]    rand_2;
      mg_pipe_reg #(.Width (Cut2W), .Stages (Cut2)) u_cut2 (
        .clk_i (clk_i),
        .d_i   ({sum_sign, sum_exp, sum_sig, sum_zero, sum_inf, sum_nan, sum_invalid,
                 acc_m, rand_m, live_m}),
        .q_o   ({sum_sign_2, sum_exp_2, sum_sig_2, sum_zero_2, sum_inf_2, sum_nan_2, sum_invalid_2,
                 acc_c, rand_2, live_c})
      );

      mg_round_pack #(
        .InWidth (SumWidth + 1), .ExpWidth (ExpWidth), .ExpBits (ExpBitsC), .FracBits (FracBitsC),
        .Bias (BiasC), .Specials (SpecialsC), .Sub (SubC), .Mode (Mode), .RBits (RBits),
        .OvfSat (OvfSat)
      ) u_round_pack (
        .sign_i (sum_sign_2), .exp_i (sum_exp_2), .sig_i (sum_sig_2), .zero_i (sum_zero_2),
        .inf_i (sum_inf_2), .nan_i (sum_nan_2), .invalid_i (sum_invalid_2), .rand_i (rand_2),
        .res_o (res_c), .flags_o (acc_flags_c)
      );
      assign all_flags_c = acc_flags_c;
      assign lost_c      = 1'b0;
    end
  endgenerate

  wire [2:0] events_c;
  mg_events #(
    .ExpBits (ExpBitsC), .FracBits (FracBitsC), .Bias (BiasC), .Specials (SpecialsC),
    .Subnormals (SubC), .ExpWidth (ExpWidth)
  ) u_events (
    .acc_i (acc_c), .res_i (res_c), .flags_i (all_flags_c), .acc_flags_i (acc_flags_c),
    .addend_live_i (live_c), .prod_lost_i (lost_c), .events_o (events_c)
  );

  // ---- The output stages.
  mg_pipe_reg #(.Width (AccW + 5 + 3), .Stages (Cut3)) u_cut3 (
    .clk_i (clk_i),
    .d_i   ({res_c, all_flags_c, events_c}),
    .q_o   ({res_o, flags_o, events_o})
  );
endmodule

`default_nettype wire
